// Runs Azurite in this process and exits as soon as the process that started it is gone,
// even when that process was killed with SIGKILL and had no chance to stop it.
'use strict';
const fs = require('fs');
const path = require('path');

const parent = process.ppid;

// process.ppid is read once at startup, so ask the OS: /proc where it exists, else signal 0.
function parentIsAlive() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]) === parent;
  } catch {
    try {
      process.kill(parent, 0);
      return true;
    } catch {
      return false;
    }
  }
}

// Unreferenced, so that once Azurite has shut down on SIGTERM or SIGINT (and saved its data) nothing keeps node alive.
setInterval(() => {
  if (!parentIsAlive()) {
    process.exit(0);
  }
}, 500).unref();

// Azurite reads its options from process.argv; they are passed through unchanged.
require(path.join(__dirname, '..', 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'));
