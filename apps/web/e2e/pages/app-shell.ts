import { expect, type Page } from '@playwright/test';

export class AppShell {
  constructor(private readonly page: Page) {}

  async expectSignedIn(name?: string) {
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    if (name) await expect(this.page.getByTestId('greeting')).toHaveText(`Hello, ${name}`);
  }

  async open(label: 'Home' | 'Coach' | 'Planner' | 'Portfolio' | 'Travel' | 'Chat' | 'Settings') {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: label })
      .click();
    await expect(
      this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }),
    ).toHaveAttribute('aria-current', 'page');
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
