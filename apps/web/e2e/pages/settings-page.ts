import { expect, type Page } from '@playwright/test';

export class SettingsPage {
  constructor(private readonly page: Page) {}

  async update(values: { displayName?: string; timezone?: string; capacity?: string }) {
    if (values.displayName !== undefined) {
      await this.page.getByLabel('Display name').fill(values.displayName);
    }
    if (values.timezone !== undefined) {
      await this.page.getByLabel('Time zone').selectOption(values.timezone);
    }
    if (values.capacity !== undefined) {
      await this.page.getByLabel('Daily capacity (minutes)').fill(values.capacity);
    }
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  async expectSaved() {
    await expect(this.page.getByTestId('settings-status')).toHaveText('Saved.');
  }

  async expect(values: { displayName: string; timezone: string }) {
    await expect(this.page.getByLabel('Display name')).toHaveValue(values.displayName);
    await expect(this.page.getByLabel('Time zone')).toHaveValue(values.timezone);
  }
}
