/** Files every layout shares (tokenizer and configs) and the "missing file" error. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';

export function commonFiles(where: string) {
  const need = (path: string, what: string): string => {
    if (!existsSync(path)) throw new UsageError(`${where}: ${what} ${path} is missing from the model directory`);
    return path;
  };
  const optional = (path: string): string | undefined => (existsSync(path) ? path : undefined);
  return {
    need,
    optional,
    tokenizerAndConfig(dir: string) {
      return {
        tokenizer: need(join(dir, 'tokenizer.json'), 'tokenizer'),
        tokenizerConfig: optional(join(dir, 'tokenizer_config.json')),
        config: need(join(dir, 'config.json'), 'model config'),
        generationConfig: optional(join(dir, 'generation_config.json')),
      };
    },
  };
}
