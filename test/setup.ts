// Shared test setup. Keep it cheap: it runs before every test file.
process.env.INSATS_LOG_LEVEL ??= 'silent';
