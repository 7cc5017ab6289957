import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  browserAvailable,
  DESKTOP,
  lastEmail,
  launchBrowser,
  linkIn,
  newContext,
  PHONE,
  screenshotPath,
} from './browser.ts';

describe.skipIf(!browserAvailable())('accounts in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function logIn(page: Page, email: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  it('registers, logs out, logs in, resets a forgotten password from the email, and logs in with it', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    const email = `e2e-${Date.now()}@example.org`;

    await page.goto('/register');
    await page.getByLabel('Your name').fill('Élise Garnier');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill('password');
    await page.getByRole('button', { name: 'Create my account' }).click();
    // The server refuses a common password, and the form says so next to the field.
    await page.getByText('This password is one of the most common ones; choose another').waitFor();
    await page.screenshot({ path: screenshotPath('register-error'), fullPage: true });

    await page.getByLabel(/^Password/).fill('les volets bleus du mas');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    await page.getByText(`Please confirm your email address: we sent a link to ${email}.`).waitFor();
    await page.screenshot({ path: screenshotPath('home-signed-in'), fullPage: true });

    // A reload keeps the session: the refresh cookie brings a new access token.
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();

    await page.getByRole('button', { name: 'Account of Élise Garnier' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await logIn(page, email, 'not my password');
    await page.getByText('The email or the password is wrong.').waitFor();
    await logIn(page, email, 'les volets bleus du mas');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    await page.getByRole('button', { name: 'Account of Élise Garnier' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If ${email} has an account, a link is on its way.`, { exact: false }).waitFor();

    const message = lastEmail(email, 'password-reset');
    expect(message.subject).toBe('Reset your Staykeep password');
    await page.goto(linkIn(message.text));
    await page.getByLabel(/^New password/).fill('un nouveau mot de passe');
    await page.getByLabel(/^Confirm the new password/).fill('un nouveau mot de passe');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();

    await logIn(page, email, 'les volets bleus du mas');
    await page.getByText('The email or the password is wrong.').waitFor();
    await logIn(page, email, 'un nouveau mot de passe');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();

    await page.getByRole('button', { name: 'Account of Élise Garnier' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();

    // The instance administrator finds the new account.
    const admin = inject('admin');
    await logIn(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Instance administration' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('admin'), fullPage: true });
    await context.close();
  });

  it('lets an admin invite someone who joins from the emailed link, on a phone', async () => {
    const adminContext = await newContext(browser, DESKTOP, 'en-US');
    const admin = await adminContext.newPage();
    const adminEmail = `admin-${Date.now()}@example.org`;
    await admin.goto('/register');
    await admin.getByLabel('Your name').fill('Hugo Admin');
    await admin.getByLabel('Email').fill(adminEmail);
    await admin.getByLabel(/^Password/).fill('une maison au soleil');
    await admin.getByRole('button', { name: 'Create my account' }).click();
    await admin.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();

    await admin.getByRole('link', { name: 'Members' }).click();
    const inviteeEmail = `cleaner-${Date.now()}@example.org`;
    await admin.getByLabel('Email').fill(inviteeEmail);
    await admin.getByRole('button', { name: 'Send the invitation' }).click();
    await admin.getByText(`Invitation sent to ${inviteeEmail}.`).waitFor();
    await admin.getByText(inviteeEmail, { exact: true }).waitFor();
    await admin.screenshot({ path: screenshotPath('members'), fullPage: true });

    const phoneContext = await newContext(browser, PHONE, 'fr-FR');
    const phone = await phoneContext.newPage();
    await phone.goto(linkIn(lastEmail(inviteeEmail, 'invitation').text));
    await phone.getByText(/Vous êtes invité à rejoindre Hugo Admin en tant que membre de l’équipe/).waitFor();
    await phone.getByLabel('Votre nom').fill('Nina Ménage');
    await phone.getByLabel(/^Mot de passe/).fill('le linge est propre');
    await phone.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
    await phone.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    await phone.screenshot({ path: screenshotPath('invited-phone-fr'), fullPage: true });

    await admin.reload();
    await admin.getByText('Nina Ménage').waitFor();
    await adminContext.close();
    await phoneContext.close();
  });
});
