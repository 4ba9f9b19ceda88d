/** The secretariat's request for a successor reads in every official language. */
import { describe, expect, it } from 'vitest';
import { SUCCESSOR_WORDS } from '../../src/i18n/mail-words';
import { composeSuccessorRequest, successorMessageId } from '../../src/mail/compose-successor';
import { LOCALES } from '../../src/shared/types';

const request = {
  key: 'fp',
  name: 'Focal Point',
  email: 'fp@ministry.example',
  status: '5.1.1',
  diagnostic: '550 5.1.1 User unknown',
  tasks: ['r/t/2027-01-15'],
};
const options = {
  from: 'Mandate tracker <mandates@example.org>',
  to: { name: 'Secretariat', address: 'sec@example.org' },
  publicUrl: 'https://mandates.example.org/',
};

describe('successor request', () => {
  it('names the person, the diagnostic, the tasks and the form in each language', () => {
    const subjects = new Set<string>();
    for (const locale of LOCALES) {
      const mail = composeSuccessorRequest(request, { ...options, locale });
      const words = SUCCESSOR_WORDS[locale];
      subjects.add(mail.subject);
      expect(mail.subject).toContain('Focal Point');
      expect(mail.text).toContain(words.intro('Focal Point', 'fp@ministry.example'));
      expect(mail.text).toContain('5.1.1 550 5.1.1 User unknown');
      expect(mail.text).toContain('https://mandates.example.org/tasks/r/t/2027-01-15');
      expect(mail.text).toContain('https://mandates.example.org/people/fp/replace');
      expect(mail.html).toContain(`lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(mail.headers['Content-Language']).toBe(locale);
    }
    expect(subjects.size).toBe(LOCALES.length);
  });

  it('is one mail per person and address: the Message-ID names both', () => {
    expect(successorMessageId('fp', 'fp@ministry.example')).toBe(
      '<successor.fp.fp.at.ministry.example@mandate-tracker>',
    );
    expect(composeSuccessorRequest(request, options).to).toBe('Secretariat <sec@example.org>');
  });
});
