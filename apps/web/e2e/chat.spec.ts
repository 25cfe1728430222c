import { expect, test } from '@playwright/test';
import { AuthPage } from './pages/auth-page';
import { ChatPage } from './pages/chat-page';

test('chat streams, resumes after a reload, stops, regenerates, edits and switches branches', async ({
  page,
}, testInfo) => {
  const auth = new AuthPage(page);
  const chat = new ChatPage(page);
  await auth.signUp({
    name: 'Chatty',
    email: `chat-${Date.now()}@example.com`,
    password: 'correct horse battery',
  });
  await expect(page.getByTestId('greeting')).toHaveText('Hello, Chatty');

  await chat.open();
  await chat.newConversation();
  await chat.send('How should I plan my week?');
  await chat.waitForStreaming();

  // The reply is generated on the server: a reload mid-stream picks it up again.
  await page.reload();
  await expect(chat.lastReply()).toContainText('Here is a plan');
  await chat.waitForComplete();
  await expect(chat.lastReply()).toContainText('what can wait until next week?');
  await expect(chat.lastReply().getByTestId('model-badge')).toContainText('openai:fake-e2e');
  await expect(chat.lastReply().locator('strong')).toHaveText('First');

  // Esc stops the server-side generation; the partial text stays, marked stopped.
  await chat.send('And the weekend?');
  await chat.waitForStreaming();
  await chat.composer.press('Escape');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
  await expect(chat.lastReply()).toContainText('stopped');
  await page.reload();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');

  // Regenerate makes a second version of the reply.
  await chat.lastReply().getByRole('button', { name: 'Regenerate' }).click();
  await chat.waitForComplete();
  await expect(chat.lastReply().getByTestId('branch-position')).toHaveText('2/2');
  await chat.lastReply().getByRole('button', { name: 'Previous version' }).click();
  await expect(chat.lastReply().getByTestId('branch-position')).toHaveText('1/2');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');

  // Editing the first question branches the conversation from there.
  await chat.userMessages().first().getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit message').fill('How should I plan my month?');
  await page.getByRole('button', { name: 'Save and resend' }).click();
  await expect(chat.userMessages()).toHaveCount(1);
  await expect(chat.userMessages().first()).toContainText('plan my month');
  await expect(chat.userMessages().first().getByTestId('branch-position')).toHaveText('2/2');
  await chat.waitForComplete();
  await chat.userMessages().first().getByRole('button', { name: 'Previous version' }).click();
  await expect(chat.userMessages()).toHaveCount(2);
  await expect(chat.userMessages().first()).toContainText('plan my week');

  await page.screenshot({ path: testInfo.outputPath('chat.png'), fullPage: true });
});
