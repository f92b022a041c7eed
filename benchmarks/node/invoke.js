// Plays the Lambda Node.js runtime's part for one cold invocation: load the handler module (the
// function's init), read the event, await the handler, print the response as JSON, or Lambda's error
// object and exit 1 if it throws.
"use strict";
const fs = require("fs");
const path = require("path");
const start = process.hrtime.bigint();
const { handler } = require(path.resolve(__dirname, process.argv[2]));
const initialised = process.hrtime.bigint();
const event = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
handler(event).then(
  (response) => {
    const done = process.hrtime.bigint();
    process.stdout.write(JSON.stringify(response) + "\n");
    process.stderr.write(`init_ms=${Number(initialised - start) / 1e6} invoke1_ms=${Number(done - initialised) / 1e6}\n`);
  },
  (error) => {
    process.stdout.write(JSON.stringify({ errorMessage: error.message, errorType: "Error" }) + "\n");
    process.exit(1);
  },
);
