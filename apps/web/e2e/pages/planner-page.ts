import { expect, type Page } from '@playwright/test';

export class PlannerPage {
  constructor(private readonly page: Page) {}

  async openGoals() {
    await this.page.goto('/planner');
  }

  async addGoal(
    title: string,
    horizon: 'short' | 'medium' | 'long',
    priority: 'low' | 'medium' | 'high' | 'urgent',
  ) {
    const form = this.page.getByRole('form', { name: 'New goal' });
    await form.getByLabel('New goal').fill(title);
    await form.getByLabel('Horizon').selectOption(horizon);
    await form.getByLabel('Priority').selectOption(priority);
    await form.getByRole('button', { name: 'Add goal' }).click();
    await expect(this.page.getByRole('list', { name: 'Goals' }).getByText(title)).toBeVisible();
  }

  async openTab(name: 'Goals' | 'Week' | 'Day' | 'Review') {
    await this.page
      .getByRole('navigation', { name: 'Planner' })
      .getByRole('link', { name })
      .click();
  }

  weekItems() {
    return this.page.getByTestId('plan-item');
  }

  async askAgent(text: string) {
    const composer = this.page
      .getByRole('complementary', { name: 'Planner agent' })
      .getByLabel('Message', { exact: true });
    await composer.fill(text);
    await composer.press('Enter');
  }
}
