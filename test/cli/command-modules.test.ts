import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, buildProgram } from '../../src/cli/main';

const names = (program: { commands: readonly { name(): string }[] }) =>
  program.commands.map((command) => command.name());

describe('the CLI loads only the module of the command it runs', () => {
  it('each module registers exactly the commands it is listed with', async () => {
    for (const module of COMMAND_MODULES) {
      for (const name of module.names) {
        expect(names(await buildProgram([name])), `${module.path} for ${name}`).toEqual(
          module.names,
        );
      }
    }
  });

  it('help and an unknown command get every command, in order, once', async () => {
    const every = COMMAND_MODULES.flatMap((module) => module.names);
    expect(new Set(every).size).toBe(every.length);
    expect(names(await buildProgram([]))).toEqual(every);
    expect(names(await buildProgram(['--help']))).toEqual(every);
    expect(names(await buildProgram(['no-such-command']))).toEqual(every);
  });

  it("a command's options and arguments do not change which module loads", async () => {
    expect(names(await buildProgram(['plan', '--from', '2027-01-01', 'x.yaml']))).toEqual(['plan']);
  });

  it('a listed module without its register function is an error that names it', async () => {
    await expect(buildProgram(['plan'], async () => ({}))).rejects.toThrow(
      './commands/plan has no registerPlan',
    );
  });
});
