#!/usr/bin/env node
import { main, nodeIo } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), nodeIo());
