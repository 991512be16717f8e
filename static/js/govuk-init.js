// Starts GOV.UK Frontend's components (a module: the library is an ES module).
import { initAll } from "../vendor/govuk-frontend-6.6.0.min.js";

initAll();
