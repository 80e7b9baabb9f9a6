import { describe, expect, it } from 'vitest';
import { accessFor, canOperate, HOME_OF, safeNext, type PrincipalRole } from '../../client/access/access';

const VIEWS = ['/', '/wall', '/console', '/kpi', '/replay', '/admin'] as const;
const ROLES: PrincipalRole[] = ['operator', 'leader', 'analyst', 'admin', 'display'];

/** The matrix of issue 7: who uses which view when reads need a sign-in. */
const ALLOWED: Record<PrincipalRole, readonly string[]> = {
  operator: ['/', '/wall', '/console'],
  leader: ['/kpi'],
  analyst: ['/replay'],
  admin: VIEWS,
  display: ['/wall'],
};

describe('access by role with READ_ACCESS=signed-in', () => {
  for (const role of ROLES)
    for (const path of VIEWS) {
      const allowed = ALLOWED[role].includes(path);
      it(`${role} at ${path}: ${allowed ? 'full' : 'forbidden'}`, () => {
        expect(accessFor(path, '', { name: 'x', role }, 'signed-in').kind).toBe(
          allowed ? 'full' : 'forbidden',
        );
      });
    }

  it('sends an anonymous visitor to the login page and back, with the query kept', () => {
    for (const path of VIEWS) expect(accessFor(path, '', null, 'signed-in').kind).toBe('sign-in');
    expect(accessFor('/kpi/', '?area=794', null, 'signed-in')).toEqual({
      kind: 'sign-in',
      to: '/login?next=%2Fkpi%3Farea%3D794',
    });
  });

  it('never carries a secret of the old address into `next`', () => {
    expect(accessFor('/console', '?operatorToken=abc&area=802&once=x&display=y', null, 'signed-in')).toEqual({
      kind: 'sign-in',
      to: '/login?next=%2Fconsole%3Farea%3D802',
    });
    expect(accessFor('/wall', '?display=y', null, 'signed-in')).toEqual({
      kind: 'sign-in',
      to: '/login?next=%2Fwall',
    });
  });

  it("lets a tab holding an operator token use the operator's views, and only those", () => {
    for (const path of VIEWS)
      expect(accessFor(path, '', null, 'signed-in', true).kind).toBe(
        ['/', '/wall', '/console'].includes(path) ? 'full' : 'sign-in',
      );
  });

  it('keeps /public and /login open to everyone, and a mistyped path is the not-found page', () => {
    for (const path of ['/public', '/login', '/nowhere'])
      expect(accessFor(path, '', null, 'signed-in').kind).toBe('full');
  });
});

describe('access with READ_ACCESS=open', () => {
  it('lets anyone look at the dashboards, read-only unless their role uses the view', () => {
    for (const path of ['/', '/wall', '/console', '/kpi', '/replay']) {
      expect(accessFor(path, '', null, 'open').kind).toBe('read-only');
      expect(accessFor(path, '', { name: 'tv', role: 'display' }, 'open').kind).toBe(
        path === '/wall' ? 'full' : 'read-only',
      );
    }
  });

  it('never opens the admin page', () => {
    expect(accessFor('/admin', '', null, 'open').kind).toBe('sign-in');
    expect(accessFor('/admin', '', { name: 'op', role: 'operator' }, 'open').kind).toBe('forbidden');
  });
});

describe('operator actions', () => {
  it('belong to operators and admins, or to a tab holding an operator token', () => {
    for (const role of ROLES)
      expect(canOperate({ name: 'x', role }, false)).toBe(role === 'operator' || role === 'admin');
    expect(canOperate(null, false)).toBe(false);
    expect(canOperate(null, true)).toBe(true);
  });
});

describe('next after sign-in', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/kpi?area=794#top')).toBe('/kpi?area=794#top');
    expect(safeNext('/')).toBe('/');
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '',
    null,
    '/login',
  ])('drops %s', (next) => expect(safeNext(next)).toBeNull());

  it('gives every role a home it may use', () => {
    for (const role of ROLES)
      expect(accessFor(HOME_OF[role], '', { name: 'x', role }, 'signed-in').kind).toBe('full');
  });
});
