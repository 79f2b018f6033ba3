// Starts GOV.UK Frontend and the MOJ components. Loaded as a module from this origin: the Content-Security-Policy
// allows no inline script, so the class GOV.UK's template would set inline is set here instead.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initGovuk();
initMoj();
