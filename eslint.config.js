import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The server logs through server/log/logger.ts (JSON lines with level, component, request id); only the
    // command-line tools print for a person.
    files: ['server/**/*.ts'],
    ignores: ['server/auth/auth-cli.ts', 'server/docs/write-snapshot.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Configuration is read once, by server/config (one schema for the whole environment), and passed down.
    files: ['server/**/*.ts', 'protocol/**/*.ts', 'client/**/*.{ts,tsx}', 'geo/**/*.ts'],
    ignores: [
      'server/config/**',
      'server/auth/auth-cli.ts',
      'server/docs/write-snapshot.ts',
      'geo/import-cli.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration from server/config, passed down.',
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { layers },
    rules: { 'layers/no-wrong-way-import': 'error' },
  },
);
