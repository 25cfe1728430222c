import { expect, type Locator, type Page } from '@playwright/test';

export class ChatPage {
  readonly composer: Locator;

  constructor(private readonly page: Page) {
    this.composer = page.getByLabel('Message', { exact: true });
  }

  async open() {
    await this.page.goto('/chat');
  }

  async newConversation() {
    await this.page.getByRole('button', { name: 'New conversation' }).first().click();
    await expect(this.page).toHaveURL(/\?c=/);
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press('Enter');
    await expect(this.userMessages().last()).toContainText(text);
  }

  userMessages() {
    return this.page.getByTestId('message-user');
  }

  replies() {
    return this.page.getByTestId('message-assistant');
  }

  lastReply() {
    return this.replies().last();
  }

  async waitForStreaming() {
    await expect(this.lastReply()).toHaveAttribute('data-status', 'streaming');
    await expect(this.lastReply()).toContainText('Here is a plan');
  }

  async waitForComplete() {
    await expect(this.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  }
}
