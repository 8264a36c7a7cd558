#!/usr/bin/env node
/** The `berth` command. */
console.log('berth');
