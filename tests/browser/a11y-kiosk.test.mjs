// axe-core on kiosk.html in every view (see axe-scenarios.mjs).

import { axeScenarios } from './axe-scenarios.mjs';

axeScenarios('kiosk.html');
