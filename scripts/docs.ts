import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aggregationTable, criteriaDocument, withAggregationTable } from '../src/clinical/rulesets/document';

/**
 * `npm run docs`: writes docs/criteria.md from the rule sets, and the table of how statuses combine
 * into the README (see src/clinical/rulesets/document.ts)
 */
const target = resolve(import.meta.dirname, '../docs/criteria.md');
writeFileSync(target, criteriaDocument());
console.log(`wrote ${target}`);
const readme = resolve(import.meta.dirname, '../README.md');
writeFileSync(readme, withAggregationTable(readFileSync(readme, 'utf8'), aggregationTable()));
console.log(`wrote the table of how statuses combine into ${readme}`);
