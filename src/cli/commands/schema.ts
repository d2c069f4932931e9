// `gatehouse schema`: the JSON Schema of `.github/gatehouse.yml`, for editors and other tools.
import { renderPolicyJsonSchema } from '../../core/json-schema.ts';
import { type Command, checkPositionals, parseCommandArgs } from '../command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'gatehouse schema',
  help: `Prints the JSON Schema of .github/gatehouse.yml, generated from the same
schema that validate, the App and the Action use. Point an editor at it for completion:

  gatehouse schema > gatehouse.schema.json
  # yaml-language-server: $schema=./gatehouse.schema.json   (first line of the policy file)

Exit codes: 0 printed, 2 usage error.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs({ args, options: {}, allowPositionals: true, strict: true });
    checkPositionals(positionals, 0);
    io.stdout.write(renderPolicyJsonSchema());
    return 0;
  },
};
