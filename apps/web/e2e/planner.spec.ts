import { expect, test } from '@playwright/test';
import { AuthPage } from './pages/auth-page';
import { PlannerPage } from './pages/planner-page';

test('plan a week with the agent: goals, a proposal accepted, items done, the weekly review', async ({
  page,
}, testInfo) => {
  const auth = new AuthPage(page);
  const planner = new PlannerPage(page);
  await auth.signUp({
    name: 'Planner',
    email: `planner-${Date.now()}@example.com`,
    password: 'correct horse battery',
  });
  await expect(page.getByTestId('greeting')).toHaveText('Hello, Planner');

  await planner.openGoals();
  await expect(page.getByText('No goals here yet')).toBeVisible();
  await planner.addGoal('Run a half marathon', 'medium', 'high');
  await planner.addGoal('Learn Spanish', 'long', 'medium');
  // Titles edit in place.
  await page.getByRole('button', { name: 'Learn Spanish' }).click();
  await page.getByLabel('Rename Learn Spanish').fill('Learn Spanish to B1');
  await page.getByLabel('Rename Learn Spanish').press('Enter');
  await expect(
    page.getByRole('list', { name: 'Goals' }).getByText('Learn Spanish to B1'),
  ).toBeVisible();

  await planner.openTab('Week');
  const days = page.locator('[data-testid^="day-"]');
  const firstDay = days.first();
  const quickAdd = firstDay.getByRole('textbox');
  await quickAdd.fill('Plan the route');
  await quickAdd.press('Enter');
  await expect(planner.weekItems()).toHaveCount(1);

  // The model refuses tool calls in this suite, so the chain falls back to the offline planner.
  await planner.askAgent('Plan my week around my goals');
  const proposal = page.getByTestId('proposal').first();
  await expect(proposal).toBeVisible({ timeout: 30_000 });
  await expect(proposal).toContainText('Run a half marathon');
  await page.screenshot({ path: testInfo.outputPath('planner-proposal.png'), fullPage: true });
  await proposal.getByRole('button', { name: 'Accept' }).click();
  await expect(proposal.getByTestId('proposal-status')).toHaveText(/Accepted/);
  await expect.poll(() => planner.weekItems().count()).toBeGreaterThan(1);

  // Keyboard move: the first item goes to the next day.
  await page.getByRole('button', { name: 'Move Plan the route to the next day' }).click();
  await expect(days.nth(1)).toContainText('Plan the route');
  await expect(days.first()).not.toContainText('Plan the route');

  // Open the day that now holds it.
  await days.nth(1).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/planner\/day\?date=/);
  const item = page.getByTestId('day-item').first();
  await item.getByRole('button', { name: 'Done' }).click();
  await expect(item.getByRole('button', { name: 'Done' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('meter', { name: 'Capacity used' })).toBeVisible();

  await planner.openTab('Review');
  await expect(page.getByTestId('review-row').first()).toBeVisible();
  await expect(page.getByText(/Done 1 of \d+ items/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('planner-review.png'), fullPage: true });
});
