// axe-core on embed.html in every view (see axe-scenarios.mjs).

import { axeScenarios } from './axe-scenarios.mjs';

axeScenarios('embed.html');
