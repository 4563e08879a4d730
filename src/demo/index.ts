export { seedDemo, renewDemoCredentials, demoExamplesAvailable, type DemoKey, type DemoSummary } from './seed.js';
