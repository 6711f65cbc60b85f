import { Member, MemberInput, MemberPatch } from '../model/member.js';
import { parse } from '../validate.js';
import type { WriteOptions } from './contacts.js';
import type { CrmContext } from './context.js';
import { reader } from './reader.js';
import { stripUndefined } from './unit-of-work.js';
import { commitCreate, commitPatch, type PatchSpec } from './writes.js';
import { invalid } from '../validate.js';
import type { z } from '../zod.js';

export function membersService(ctx: CrmContext) {
  const read = reader<Member>(ctx, 'members');
  const spec: PatchSpec<Member> = {
    collection: 'members',
    schema: Member,
    entity: undefined,
    editable: ['name', 'email', 'role', 'team', 'active'],
    links: () => ({}),
    emit: (member) => ctx.events.emit('member:updated', { member }),
  };

  async function requireUniqueEmail(email: string, except?: string) {
    const page = await read.list({ where: [{ field: 'email', op: 'eq', value: email.toLowerCase() }], limit: 2 });
    if (page.items.some((m) => m.id !== except)) throw invalid(['email'], 'duplicate', `A member with ${email} exists`, 'member');
  }

  return {
    ...read,

    /** Adds an employee. Emails are unique among members. */
    async create(input: z.input<typeof MemberInput>): Promise<Member> {
      const data = parse(MemberInput, input, 'member');
      const email = data.email.toLowerCase();
      await requireUniqueEmail(email);
      const now = ctx.nowIso();
      const member: Member = { ...data, email, active: data.active ?? true, id: ctx.newId(), createdAt: now, updatedAt: now, version: 0 };
      return commitCreate(ctx, spec, member, (stored) => ctx.events.emit('member:created', { member: stored }));
    },

    /** Changes a member (role, team, deactivation). */
    async update(id: string, patch: z.input<typeof MemberPatch>, options: WriteOptions = {}): Promise<Member> {
      const data = parse(MemberPatch, patch, 'member');
      const current = await read.get(id);
      const email = data.email?.toLowerCase();
      if (email) await requireUniqueEmail(email, id);
      return commitPatch(ctx, spec, current, stripUndefined({ ...current, ...data, ...(email ? { email } : {}) }), options.expectedVersion);
    },

    /** Active members, for owner pickers and assignment. */
    async active(): Promise<Member[]> {
      const page = await read.list({ where: [{ field: 'active', op: 'eq', value: true }], limit: 1000 });
      return page.items;
    },
  };
}

export type MembersService = ReturnType<typeof membersService>;
