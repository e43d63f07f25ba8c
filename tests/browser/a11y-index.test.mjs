// axe-core on index.html in every view (see axe-scenarios.mjs).

import { axeScenarios } from './axe-scenarios.mjs';

axeScenarios('index.html');
