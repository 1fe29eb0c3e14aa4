// typescript-eslint's `strict` rule set (not type-checked: the type-checked set takes minutes on this tree and tsc
// already runs in `npm run build`) over the TypeScript the project ships, its scripts and its tests.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'test/fixtures/'] },
  ...tseslint.configs.strict,
  {
    rules: {
      // `_name` marks a parameter a signature needs and the body does not; a rest pattern may leave siblings out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // In a test, `x!` on a value the test has just found fails the test with a TypeError when it is missing, which is
    // what an assertion would do; src/, schemas/ and scripts/ get no such licence.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
