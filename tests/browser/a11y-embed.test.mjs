// axe-core on embed.html in every view (the scenarios are in axe-scenarios.mjs).

import { after, test } from 'node:test';
import * as H from './harness.mjs';
import { newTotals, scan, scenarios, summarise } from './axe-scenarios.mjs';

const PAGE = 'embed.html';
const env = H.useSite();
const totals = newTotals();
for (const sc of scenarios) test(`axe: ${PAGE}, ${sc.name}`, () => scan(env, PAGE, sc, totals));
after(() => summarise(PAGE, totals));
