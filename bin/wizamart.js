#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so the installed `wizamart`
// command and `npm run cli` execute the same source with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
