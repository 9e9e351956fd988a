// The README walkthrough, roll-out included, through the TypeScript (typescript-fetch) client generated from
// docs/openapi.yaml as README "Clients" shows. Run from the repository root against a running registry:
//   npx tsc --strict --target es2022 --lib es2022,dom --module commonjs --moduleResolution node \
//     --types node --outDir out docs/examples/walkthrough.ts
//   KEY=<an admin key> BASE=http://localhost:8080 node out/docs/examples/walkthrough.js
import { readFileSync } from 'node:fs';
import { AddVersionRequestFromJSON, Configuration, ModelsApi, VersionsApi, AssignmentsApi, AuditApi, ImportApi, ResponseError } from '../../clients/typescript/index';

const key = process.env.KEY!;
const config = new Configuration({ basePath: process.env.BASE!, apiKey: () => key });
const models = new ModelsApi(config), versions = new VersionsApi(config), assignments = new AssignmentsApi(config);
const audit = new AuditApi(config), imports = new ImportApi(config);
const id = 'geo_fencing_ts_' + Date.now();
const show = (label: string, value: unknown) => console.log(label, JSON.stringify(value));

async function status(call: () => Promise<unknown>): Promise<string> {
  try { await call(); return 'no error'; }
  catch (e) { if (e instanceof ResponseError) { const body = await e.response.json(); return e.response.status + ' ' + body.code; } throw e; }
}

async function main() {
  const registered = await models.registerModel({ registerModelRequest: { modelId: id, name: 'Geo-Fencing', description: 'Person detection', supportedTasks: ['person_detection'], tags: { team: 'ruth' } } });
  show('registered', { id: registered.modelId, enabled: registered.enabled });
  const manifest = JSON.parse(readFileSync('docs/examples/geo_fencing-1.0.0.json', 'utf8'));
  const added = await versions.addVersion({ modelId: id, addVersionRequest: AddVersionRequestFromJSON(manifest) });
  show('added', { version: added.version });
  const enabled = await models.enableModel({ modelId: id });
  show('enabled', { enabled: enabled.enabled, default: enabled.defaultVersion });
  for (let i = 0; i < 3; i++) await models.registerModel({ registerModelRequest: { modelId: id + '_' + i, name: 'extra ' + i, supportedTasks: ['x'] } });
  const first = await models.listModels({ limit: 2 });
  const second = await models.listModels({ limit: 2, cursor: first.nextCursor! });
  show('pages', { first: first.models.map(m => m.modelId), next: first.nextCursor != null, second: second.models.map(m => m.modelId), total: first.total });
  const valid = await assignments.validateAssignment({ assignmentRequest: { cameraId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', modelId: id, desiredFps: 10, parameters: { zones: [{ id: 'dock', points: [[0, 0], [100, 0], [100, 80]], type: 'restricted' }] } } });
  show('valid', valid);
  const invalid = await assignments.validateAssignment({ assignmentRequest: { cameraId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', modelId: id, desiredFps: 25, parameters: { zones: [{ id: 'dock', type: 'forbidden' }] } } });
  show('invalid', { valid: invalid.valid, codes: invalid.violations.map(v => v.code) });
  const batch = await assignments.validateAssignments({ batchRequest: { assignments: [{ cameraId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', modelId: id, desiredFps: 5 }, { cameraId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', modelId: 'nope_' + id }] } });
  show('batch', batch);
  const history = await models.getHistory({ modelId: id });
  show('history', history.events.map(e => e.type));
  const feed = await audit.listEvents({ after: 0, limit: 3 });
  show('feed', { count: feed.events.length, next: feed.nextAfter });
  const fall = JSON.parse(readFileSync('docs/examples/fall_detection-contract-1.0.0.json', 'utf8'));
  const plan = await imports.importManifests({ requestBody: [fall], dryRun: true });
  show('import dry run', plan);
  const v2 = JSON.parse(readFileSync('docs/examples/geo_fencing-2.0.0.json', 'utf8'));
  await versions.addVersion({ modelId: id, addVersionRequest: AddVersionRequestFromJSON(v2) });
  const unchanged = await models.getModel({ modelId: id });
  const preview = await versions.previewPromotion({ modelId: id, version: '2.0.0', batchRequest: { assignments: [
    { cameraId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', modelId: id, desiredFps: 10, parameters: { zones: [{ id: 'dock', points: [[0, 0], [100, 0], [100, 80]], type: 'restricted' }] } }] } });
  const promoted = await versions.promoteVersion({ modelId: id, version: '2.0.0', reasonRequest: { reason: 'rollout' } });
  const rolledBack = await versions.promoteVersion({ modelId: id, version: '1.0.0', reasonRequest: { reason: 'roll back' } });
  show('rollout', { defaultAfterAdd: unchanged.defaultVersion, preview: preview.results.map(r => [r.now.valid, r.then.valid]), promoted: promoted.defaultVersion, rolledBack: rolledBack.defaultVersion });
  console.log('404', await status(() => models.getModel({ modelId: 'missing_' + id })));
  console.log('409', await status(() => models.registerModel({ registerModelRequest: { modelId: id, name: 'again', supportedTasks: ['x'] } })));
  console.log('412', await status(() => models.disableModel({ modelId: id, ifMatch: '"0"', reasonRequest: { reason: 'stale' } })));
}
main().catch(e => { console.error('FAILED', e); process.exit(1); });
