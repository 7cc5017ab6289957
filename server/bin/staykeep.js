#!/usr/bin/env node
// The `staykeep` command. The server is TypeScript run by Node's built-in type
// stripping (Node 24), so there is no build step for it.
import '../src/main.ts';
