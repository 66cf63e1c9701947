import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { hashPassword } from '../security/passwords';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from '../security/password-strength';
import { migrateToLatest, openStore } from '../store/db';
import { agents, audit, workspaces, bySystem } from '../store/repositories';

export async function createAdmin(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const password = values.password ?? process.env.KOE_ADMIN_PASSWORD;
  if (!values.email || !values.name || !password) {
    console.error(
      'Usage: koe create-admin --workspace <name> --email <email> --name <name> [--password <pw> | KOE_ADMIN_PASSWORD]',
    );
    return 2;
  }
  const weak = passwordProblem(password, {
    email: values.email,
    name: values.name,
    extra: values.workspace ? [values.workspace] : [],
  });
  if (weak) {
    console.error(`The password ${PASSWORD_PROBLEM_TEXT[weak]}.`);
    return 2;
  }
  const store = openStore(loadConfig());
  try {
    await migrateToLatest(store.db);
    if (await agents.byEmail(store.db, values.email)) {
      console.error(`An agent with ${values.email} already exists.`);
      return 1;
    }
    let workspace = await workspaces.first(store.db);
    if (!workspace) {
      if (!values.workspace) {
        console.error('No workspace yet: pass --workspace <name>.');
        return 2;
      }
      workspace = await workspaces.create(store.db, values.workspace);
    }
    const agent = await agents.create(store.db, {
      workspaceId: workspace.id,
      email: values.email,
      name: values.name,
      role: 'admin',
      level: 3,
      skills: [],
      passwordHash: await hashPassword(password),
    });
    await audit.log(store.db, {
      workspaceId: workspace.id,
      actor: bySystem('koe create-admin'),
      action: 'agent.created',
      target: { type: 'agent', id: agent.id },
      detail: { role: 'admin' },
    });
    console.log(`Created admin ${agent.email} in workspace 「${workspace.name}」.`);
    return 0;
  } finally {
    await store.close();
  }
}
