import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell';
import { AuthPage } from './pages/auth-page';
import { SettingsPage } from './pages/settings-page';

test('a new user signs up, edits the profile, signs out and back in', async ({
  page,
}, testInfo) => {
  const auth = new AuthPage(page);
  const shell = new AppShell(page);
  const settings = new SettingsPage(page);
  const email = `ada-${Date.now()}@example.com`;
  const password = 'correct horse battery';

  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings/);

  await auth.signUp({ name: 'Ada', email, password: 'short' });
  await auth.expectError(/at least 8 characters/);
  await auth.signUp({ name: 'Ada', email, password });
  await shell.expectSignedIn('Ada');

  await shell.open('Settings');
  await settings.update({ displayName: 'Ada Lovelace', timezone: 'Europe/London' });
  await settings.expectSaved();
  await page.reload();
  await settings.expect({ displayName: 'Ada Lovelace', timezone: 'Europe/London' });

  await settings.update({ capacity: '5000' });
  await expect(page.locator('#dailyCapacityMinutes-error')).not.toBeEmpty();
  await testInfo.attach('settings', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true });

  await shell.signOut();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);

  await auth.signIn(email, 'wrong password');
  await auth.expectError(/do not match/);
  await auth.signIn(email, password);
  await shell.expectSignedIn('Ada Lovelace');
});

test('the demo user signs in and sees seeded goals', async ({ page }) => {
  const auth = new AuthPage(page);
  const shell = new AppShell(page);
  await auth.signIn('demo@waypoint.local', 'waypoint-demo');
  await shell.expectSignedIn('Demo');
  await shell.open('Planner');
  const goals = page.getByRole('list', { name: 'Goals' });
  await expect(goals.getByText('Finish the TypeScript course')).toBeVisible();
  await expect(goals.getByText('Renovate the balcony')).toHaveCount(0);
});

test('signing up twice with one email says the account exists', async ({ page }) => {
  const auth = new AuthPage(page);
  await auth.signUp({ name: 'Demo', email: 'demo@waypoint.local', password: 'whatever password' });
  await auth.expectError(/already exists/);
});
