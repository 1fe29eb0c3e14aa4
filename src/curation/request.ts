/**
 * The body of a workbench decision (`POST /api/decisions`): a decision as `decisions.json` records
 * it, plus the version of the queue item it was made on and, when several families are served,
 * the family. Validation is separate from serving so it is tested without a server.
 */
import { z } from 'zod';
import { Decision } from '../family/decisions.js';

/** What a decision request carries besides the decision itself. */
const Envelope = z.object({
  /** The queue item's `version` when the reviewer saw it. */
  version: z.string().min(1),
  /** Family of the item; needed only when the served notices belong to more than one. */
  family: z.string().min(1).optional(),
});

/** A valid decision request. */
export interface DecisionRequest {
  /** The decision to record. */
  decision: Decision;
  /** The version the reviewer saw. */
  version: string;
  /** The family, when named. */
  family?: string;
}

/** Largest body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Read a request body: the decision, or a message saying what is wrong (not JSON, which field). */
export function parseDecisionRequest(
  body: string,
): { ok: true; request: DecisionRequest } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    // Only a syntax error is the client's; anything else would be a bug here.
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, message: `body is not JSON: ${error.message}` };
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return { ok: false, message: z.prettifyError(envelope.error) };
  const { version: _version, family: _family, ...rest } = json as Record<string, unknown>;
  const decision = Decision.safeParse(rest);
  if (!decision.success) return { ok: false, message: z.prettifyError(decision.error) };
  return {
    ok: true,
    request: {
      decision: decision.data,
      version: envelope.data.version,
      ...(envelope.data.family ? { family: envelope.data.family } : {}),
    },
  };
}
