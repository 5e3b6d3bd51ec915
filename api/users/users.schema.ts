import { z } from 'zod';
import { CustomerRoleSchema, EmailSchema, LanguageSchema, NotificationChannelSchema, RoleSchema } from '../domain.schema.ts';
import { text } from '../http/text.ts';

export const MeSchema = z
  .object({
    id: z.string(),
    externalId: z.string().describe('The host’s id for the user (the token’s sub).'),
    companyId: z.string(),
    companyName: z.string(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    lang: LanguageSchema.nullable(),
    claimsAccess: z.boolean().describe('Admins and handlers always; members when an admin granted it.'),
    notifications: NotificationChannelSchema.describe(
      'Where the user is told of what needs them: in the customer area only, or there and by email. New administrators start with email; new members with their company’s default.',
    ),
  })
  .meta({ id: 'User' });

export const UserListSchema = z.object({ items: z.array(MeSchema) }).meta({ id: 'UserList' });

export const UpdateUserSchema = z
  .object({
    claimsAccess: z.boolean().optional(),
    notifications: NotificationChannelSchema.optional(),
  })
  .refine((u) => u.claimsAccess !== undefined || u.notifications !== undefined, {
    message: 'send claimsAccess and/or notifications',
  })
  .meta({ id: 'UpdateUser' });

export const SyncUserSchema = z
  .object({
    name: text({ max: 200 }),
    email: EmailSchema,
    role: CustomerRoleSchema,
    lang: LanguageSchema.optional(),
    companyName: text({ max: 200 }).optional(),
    claimsAccess: z.boolean().optional(),
    notifications: NotificationChannelSchema.optional(),
  })
  .meta({ id: 'SyncUser' });

export type Me = z.infer<typeof MeSchema>;

export const HandlerSchema = z
  .object({ id: z.string().describe('The handler’s user id: what POST /claims/:id/assignee takes as handlerId.'), name: z.string(), email: z.string() })
  .meta({ id: 'Handler' });

export const HandlerListSchema = z.object({ items: z.array(HandlerSchema) }).meta({ id: 'HandlerList' });

export const CompanySchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Company' });

export const CompanyListSchema = z.object({ items: z.array(CompanySchema) }).meta({ id: 'CompanyList' });

export const CompanySettingsSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    defaultNotifications: NotificationChannelSchema.describe('The channel the company’s new members get (administrators always start with email).'),
  })
  .meta({ id: 'CompanySettings' });

export const UpdateCompanySchema = z
  .object({ defaultNotifications: NotificationChannelSchema })
  .strict()
  .meta({ id: 'UpdateCompany' });

export type CompanySettings = z.infer<typeof CompanySettingsSchema>;
