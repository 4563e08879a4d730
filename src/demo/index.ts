export { seedDemo, demoExamplesAvailable, type DemoKey, type DemoSummary } from './seed.js';
