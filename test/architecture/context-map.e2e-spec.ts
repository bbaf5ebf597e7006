/**
 * The context map of libs/domain (.dependency-cruiser.cjs) holds on the code as it is, and the
 * rule really fails when someone adds a cycle or an import against the map: each case copies the
 * domain into a scratch folder, adds one offending import and runs the same check as `npm run lint`.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(DEPCRUISE, ['libs/domain/src', '--config', CONFIG, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A scratch copy of the domain with `line` added at the top of `file`. */
function withImport(file: string, line: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qatys-context-map-'));
  cpSync(join(ROOT, 'libs/domain/src'), join(dir, 'libs/domain/src'), { recursive: true });
  cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  const target = join(dir, 'libs/domain/src', file);
  writeFileSync(target, `${line}\n${readFileSync(target, 'utf8')}`);
  return dir;
}

describe('the context map of libs/domain', () => {
  const scratch: string[] = [];
  afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('holds on the code as it is: no cycle, no import against the map', () => {
    const r = cruise(ROOT);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('is drawn in docs/architecture.md as the tool draws it from the code', () => {
    const r = spawnSync('npm', ['run', '--silent', 'context-map'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const drawn = /<!-- context-map:start -->\s*```mermaid\n([\s\S]*?)```\s*<!-- context-map:end -->/.exec(
      doc,
    );
    expect(drawn).not.toBeNull();
    // The same nodes and arrows (the tool lists arrows in import order, which means nothing).
    const lines = (text: string) => text.trim().split('\n').sort();
    expect(lines(drawn![1])).toEqual(lines(r.stdout));
  });

  it('fails on a cycle between contexts (identity -> notifications -> identity)', () => {
    // notification.entity imports identity/user.entity: this closes the circle.
    const dir = withImport('identity/user.entity.ts', "import '../notifications/notification.entity';");
    scratch.push(dir);
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('no-domain-cycles');
    expect(r.out).toContain('context-map-identity');
  });

  it('fails when shared imports a context', () => {
    const dir = withImport('shared/actor.ts', "import '../catalog/page';");
    scratch.push(dir);
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('context-map-shared');
  });
});
