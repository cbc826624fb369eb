// Babel transforms the ESM-only dependencies for jest.
module.exports = require('@jupyterlab/testing/lib/babel-config');
