// The e2e suite drives Debian's Chromium (Playwright cannot download browsers here). Find it, or install it
// when we can (root with apt), or stop with the exact command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);
const found = () => candidates.find((p) => existsSync(p));

if (!found()) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium not found: installing Debian chromium for the e2e tests…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  }
  if (!found()) {
    console.error(
      'The e2e tests need Chromium. Install it with:\n  sudo apt-get install -y chromium\n' +
        'or set CHROME_PATH to a Chromium/Chrome binary.',
    );
    process.exit(1);
  }
}
