// Runs a TypeScript entry point in a child process (tests fork it): .ts files are compiled on
// require with @swc/core, the same compiler jest uses. Usage: node ts_child.js <file.ts> [args]
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};

require(require('node:path').resolve(process.argv[2]));
