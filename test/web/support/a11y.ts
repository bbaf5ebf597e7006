/**
 * axe-core in the page under test: its source is injected (no network, no CDN: the CSP and the
 * closed network would refuse one) and run against the whole document. A serious or critical
 * violation fails the step that visited the page, with the rule, its help text and the elements.
 */
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';

let source: string | undefined;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Every serious or critical axe-core violation on the page as it is now (empty when none). */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  const injected = await page.evaluate(`typeof window.axe === 'object'`);
  // addScriptTag would be refused by the api's content security policy; evaluate is not.
  if (!injected) await page.evaluate(axeSource());
  const result = (await page.evaluate(`(async () => {
    const r = await window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200)),
    }));
  })()`)) as A11yViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails (with the page's address and what is wrong) on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const found = await seriousA11yViolations(page);
  if (found.length) {
    throw new Error(
      `axe-core: ${found.length} serious/critical violation(s) on ${page.url()}:\n` +
        found.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'),
    );
  }
}
