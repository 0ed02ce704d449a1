// Starts Azurite as a process of its own that outlives whoever started it (a host that crashes leaves
// storage running, and the next start reuses it), then exits. Usage:
//   node azurite-detached.js <pid file> <log file> <azurite options...>
// Azurite's output goes to the log file, not to the caller's console or pipes, so nothing waits on it.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const [pidFile, logFile, ...options] = process.argv.slice(2);
const log = fs.openSync(logFile, 'a');
const child = spawn(process.execPath, [path.join(__dirname, '..', 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'), ...options], {
  detached: true,
  stdio: ['ignore', log, log],
  windowsHide: true,
});
fs.writeFileSync(pidFile, String(child.pid));
child.unref();
