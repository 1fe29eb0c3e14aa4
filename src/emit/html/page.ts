/**
 * The opening of a self-contained page (report.html, the review workbench): Chinese, UTF-8, a
 * content security policy that allows only the page's own inline style and script and data images,
 * and — for a page that talks to its server — requests to that server.
 */
export function pageHead(title: string, style: string, options: { connectSelf?: boolean } = {}): string {
  const connect = options.connectSelf ? " connect-src 'self';" : '';
  const policy = `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';${connect} img-src data:`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>${title}</title>
<style>${style}</style>
</head>`;
}
