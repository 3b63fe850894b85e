import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { serializeIncident } from './dist/record/fileForm.js';
import { incidentSchema } from './dist/record/schema.js';
import { parseRecordFiles, parseRecordFile } from './dist/sync/parseRecords.js';
import { generateIncident, makeRandom } from './bench/generate.js';
const N=2000; const r=makeRandom(1); const dir=fs.mkdtempSync(path.join(os.tmpdir(),'p')); const files=[];
for (let i=0;i<N;i++){const f=path.join(dir,i+'.yaml'); fs.writeFileSync(f, serializeIncident(incidentSchema.parse(generateIncident(i,r)))); files.push(f);}
let t=performance.now(); let n=0; for await (const x of parseRecordFiles(files)) n++; console.log('workers', performance.now()-t, n);
t=performance.now(); for (const f of files) parseRecordFile(f); console.log('inline', performance.now()-t);
