/**
 * The workbench page's script, inline: renders the queue from `/api/queue` with DOM nodes (text
 * never parsed as HTML), sends one decision per click, then marks the row decided or in conflict
 * and updates the counts from the server's answer without reloading.
 */

/** The client code, as plain ES2017 in a string (no template literals inside). */
export const WORKBENCH_SCRIPT = String.raw`
(function () {
  'use strict';
  var LEVEL2 = JSON.parse(document.getElementById('level2').textContent);
  var queue = document.getElementById('queue');

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i] != null) node.append(arguments[i]);
    return node;
  }

  function setCounts(counts) {
    var c = {
      'policy-spellings': counts.spellings.policy,
      'policy-rows': counts.rows.policy,
      'indicator-spellings': counts.spellings.indicator,
      'indicator-rows': counts.rows.indicator,
    };
    Object.keys(c).forEach(function (k) {
      document.querySelector('[data-count="' + k + '"]').textContent = String(c[k]);
    });
    document.getElementById('notice-counts').textContent = counts.notices
      .map(function (n) {
        return n.id + '：政策 ' + n.policy + '，指标 ' + n.indicator;
      })
      .join(' · ');
  }

  function diff(parts) {
    var span = el('span', { className: 'diff' });
    parts.forEach(function (p) {
      span.append(p.op === 'same' ? document.createTextNode(p.text) : el(p.op, { text: p.text }));
    });
    return span;
  }

  function occurrence(o) {
    var ctx = el(
      'span',
      { className: 'context' },
      o.context.before,
      o.context.text ? el('mark', { text: o.context.text }) : null,
      o.context.after,
    );
    return el(
      'li',
      {},
      el('span', { className: 'where', text: o.notice + ' 第' + o.source_line + '行 · ' + o.recipient_code }),
      ctx,
    );
  }

  function candidates(item, article) {
    var body = el('tbody');
    item.candidates.forEach(function (c) {
      var button = el('button', { type: 'button', className: 'accept', 'data-id': c.id, text: '接受' });
      button.addEventListener('click', function () {
        decide(item, article, { decision: 'accept', id: c.id });
      });
      body.append(
        el(
          'tr',
          { 'data-id': c.id },
          el('td', { className: 'id', text: c.id }),
          el('td', {}, diff(c.diff)),
          el('td', { className: 'score', text: c.score.toFixed(3) }),
          el('td', { className: 'veto', text: c.veto ? '否决：' + c.veto : '' }),
          el('td', {}, button),
        ),
      );
    });
    if (!item.candidates.length)
      body.append(el('tr', {}, el('td', { colspan: '5', className: 'legend', text: '没有候选' })));
    var head = el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { text: '编码' }),
        el('th', { text: '规范名称（与原文的差异）' }),
        el('th', { text: '相似度' }),
        el('th', { text: '否决' }),
        el('th'),
      ),
    );
    return el('table', { className: 'candidates' }, head, body);
  }

  function field(label, input) {
    return [el('label', { text: label }), input];
  }

  function newEntry(item, article) {
    var isPolicy = item.kind === 'policy';
    var id = el('input', { type: 'text', name: 'id', placeholder: isPolicy ? 'P-…' : 'I-…' });
    var title = el('input', { type: 'text', name: 'title', value: item.spelling });
    var extra = isPolicy
      ? [
          field('发文机关', el('input', { type: 'text', name: 'issuer' })),
          field('发文字号', el('input', { type: 'text', name: 'doc_number', value: item.doc_number })),
        ]
      : [
          field(
            '二级指标',
            el.apply(
              null,
              ['select', { name: 'level2' }].concat(
                LEVEL2.map(function (w) {
                  return el('option', { value: w, text: w });
                }),
              ),
            ),
          ),
        ];
    var fields = el('div', { className: 'fields' });
    [field('编码', id), field(isPolicy ? '标题' : '名称', title)].concat(extra).forEach(function (pair) {
      fields.append(pair[0], pair[1]);
    });
    var create = el('button', { type: 'button', className: 'create', text: isPolicy ? '新建政策' : '新建指标' });
    create.addEventListener('click', function () {
      var value = function (n) {
        return fields.querySelector('[name=' + n + ']').value.trim();
      };
      var entry = isPolicy
        ? {
            id: value('id'),
            title: value('title'),
            issuer: value('issuer'),
            doc_number: value('doc_number'),
            aliases: [],
          }
        : { id: value('id'), name: value('title'), level2: value('level2'), aliases: [] };
      decide(item, article, { decision: isPolicy ? 'new-policy' : 'new-indicator', entry: entry });
    });
    return el(
      'details',
      { className: 'new' },
      el('summary', { text: isPolicy ? '登记为新政策…' : '登记为新指标…' }),
      fields,
      create,
    );
  }

  function card(item) {
    var article = el('article', { className: 'item', 'data-key': item.key, 'data-kind': item.kind });
    var meta =
      (item.match === 'fuzzy' ? '模糊匹配 ' + item.score.toFixed(3) : '未匹配') +
      ' · ' +
      item.occurrences.length +
      ' 处' +
      (item.doc_number ? ' · ' + item.doc_number : '') +
      ' · ' +
      item.family;
    var reason = el('input', { type: 'text', className: 'reason', placeholder: '驳回理由（必填）' });
    var reject = el('button', { type: 'button', className: 'reject', text: '驳回' });
    reject.addEventListener('click', function () {
      if (!reason.value.trim()) {
        status(article, 'failed', '驳回需要理由');
        reason.focus();
        return;
      }
      decide(item, article, { decision: 'reject', reason: reason.value.trim() });
    });
    [
      el(
        'h2',
        {},
        el('span', { className: 'badge ' + item.kind, text: item.kind === 'policy' ? '政策' : '指标' }),
        el('span', { className: 'spelling', text: item.spelling }),
      ),
      el('p', { className: 'meta', text: meta }),
      el.apply(null, ['ul', { className: 'occurrences' }].concat(item.occurrences.slice(0, 5).map(occurrence))),
      item.occurrences.length > 5
        ? el('p', { className: 'legend', text: '另有 ' + (item.occurrences.length - 5) + ' 处' })
        : null,
      candidates(item, article),
      el('div', { className: 'actions' }, reason, reject, newEntry(item, article)),
      el('p', { className: 'status', role: 'status' }),
    ].forEach(function (part) {
      if (part) article.append(part);
    });
    return article;
  }

  function status(article, state, text) {
    article.classList.remove('conflict', 'failed');
    if (state) article.classList.add(state);
    article.querySelector('.status').textContent = text;
  }

  function decide(item, article, decision) {
    var buttons = article.querySelectorAll('button');
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    status(article, '', '保存中，重新抽取…');
    var body = Object.assign(
      { kind: item.kind, spelling: item.spelling, family: item.family, version: item.version },
      decision,
    );
    return fetch('/api/decisions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (r) {
        return r.json().then(function (answer) {
          return { status: r.status, answer: answer };
        });
      })
      .then(function (r) {
        buttons.forEach(function (b) {
          b.disabled = false;
        });
        if (r.status === 200) {
          article.classList.add('decided');
          var d = r.answer.decided;
          status(
            article,
            '',
            (d.decision === 'accept'
              ? '已接受为 ' + d.id
              : d.decision === 'reject'
                ? '已驳回：' + d.reason
                : '已登记 ' + d.entry.id) +
              '；已重新抽取 ' +
              r.answer.reextracted.join('、'),
          );
          setCounts(r.answer.counts);
          var pending = {};
          r.answer.pending.forEach(function (k) {
            pending[k] = true;
          });
          queue.querySelectorAll('article.item:not(.decided)').forEach(function (a) {
            if (!pending[a.dataset.key]) {
              a.classList.add('gone');
              status(a, '', '已由其他决定解决，刷新后不再显示');
            }
          });
        } else status(article, r.status === 409 ? 'conflict' : 'failed', r.answer.error || 'HTTP ' + r.status);
      })
      .catch(function (e) {
        buttons.forEach(function (b) {
          b.disabled = false;
        });
        status(article, 'failed', '请求失败：' + e.message);
      });
  }

  function applyFilter() {
    var text = document.getElementById('filter').value.trim().toLowerCase();
    var kinds = {
      policy: document.getElementById('show-policy').checked,
      indicator: document.getElementById('show-indicator').checked,
    };
    queue.querySelectorAll('article.item').forEach(function (a) {
      a.hidden = !kinds[a.dataset.kind] || (text !== '' && a.textContent.toLowerCase().indexOf(text) < 0);
    });
  }
  document.querySelector('.tools').addEventListener('input', applyFilter);

  fetch('/api/queue')
    .then(function (r) {
      return r.json();
    })
    .then(function (q) {
      setCounts(q.counts);
      queue.replaceChildren.apply(
        queue,
        q.items.length ? q.items.map(card) : [el('p', { className: 'empty', text: '没有待复核的写法' })],
      );
      applyFilter();
      document.body.dataset.ready = 'true';
    })
    .catch(function (e) {
      queue.replaceChildren(el('p', { className: 'empty', text: '载入失败：' + e.message }));
    });
})();
`;
