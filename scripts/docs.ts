import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { criteriaDocument } from '../src/clinical/rulesets/document';

/** `npm run docs`: writes docs/criteria.md from the rule sets (see src/clinical/rulesets/document.ts) */
const target = resolve(import.meta.dirname, '../docs/criteria.md');
writeFileSync(target, criteriaDocument());
console.log(`wrote ${target}`);
