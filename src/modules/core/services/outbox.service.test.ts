import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../core/auth/principal.ts';
import { linkify, outboxPlatformFilter, pageWindow, previewDocument } from './outbox.service.ts';

function admin(platforms: Principal['platforms']): Principal {
  return { kind: 'user', audience: 'admin', id: 'admin:1', userId: 1, sessionId: 's', email: 'a@example.test', name: 'A', language: 'en', role: 'platform_admin', platforms, permissions: new Set() };
}

describe('outboxPlatformFilter', () => {
  it('lets a super admin see every platform or pick one', () => {
    expect(outboxPlatformFilter(admin('all'), undefined, 'wizamart')).toBeUndefined();
    expect(outboxPlatformFilter(admin('all'), 'other', 'wizamart')).toBe('other');
  });

  it("keeps a platform admin to their own platforms, the request's by default", () => {
    expect(outboxPlatformFilter(admin(['a', 'b']), undefined, 'b')).toBe('b');
    expect(outboxPlatformFilter(admin(['a', 'b']), undefined, 'c')).toBe('a');
    expect(outboxPlatformFilter(admin(['a', 'b']), 'a', 'b')).toBe('a');
    expect(() => outboxPlatformFilter(admin(['a']), 'c', 'a')).toThrow(/do not administer the platform "c"/);
    expect(() => outboxPlatformFilter(admin([]), undefined, 'a')).toThrow(/do not administer/);
  });
});

describe('linkify', () => {
  it('splits text into plain runs and links, leaving sentence punctuation out of the link', () => {
    expect(linkify('Open https://x.test/a?b=1&c=2. Or (http://y.test/)!')).toEqual([
      { text: 'Open ' },
      { text: 'https://x.test/a?b=1&c=2', href: 'https://x.test/a?b=1&c=2' },
      { text: '. Or (' },
      { text: 'http://y.test/', href: 'http://y.test/' },
      { text: ')!' },
    ]);
  });

  it('leaves text without links alone and never links other schemes', () => {
    expect(linkify('no links here')).toEqual([{ text: 'no links here' }]);
    expect(linkify('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
    expect(linkify('')).toEqual([]);
  });
});

describe('pageWindow', () => {
  it('shows the first, last and neighbouring pages with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(6, 12)).toEqual([1, null, 5, 6, 7, null, 12]);
    expect(pageWindow(1, 12)).toEqual([1, 2, null, 12]);
  });
});

describe('previewDocument', () => {
  it('makes links open in a new tab, inside <head> when there is one', () => {
    expect(previewDocument('<html><head lang="en"><title>x</title></head></html>')).toBe('<html><head lang="en"><base target="_blank"><title>x</title></head></html>');
    expect(previewDocument('<p>hi</p>')).toBe('<base target="_blank"><p>hi</p>');
  });
});
