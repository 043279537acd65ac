import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfigFile } from '../../policies/engine/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function configFile(text: string): string {
  const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadConfigFile', () => {
  test('reads the thresholds it knows', () => {
    expect(loadConfigFile(configFile('{"retentionFloorDays": 400}'), 'c.json')).toEqual({ retentionFloorDays: 400 });
  });

  test.each(['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty'])('refuses %s, a key of every object but no threshold', (key) => {
    expect(() => loadConfigFile(configFile(`{${JSON.stringify(key)}: 5}`), 'c.json')).toThrow(
      `c.json: unknown config key ${JSON.stringify(key)} (known: retentionFloorDays, interactiveRetentionFloorDays, fullSamplingPercentage, context, allowEmpty)`,
    );
  });

  test('reads allowEmpty, true or false only', () => {
    expect(loadConfigFile(configFile('{"allowEmpty": true}'), 'c.json')).toEqual({ allowEmpty: true });
    expect(loadConfigFile(configFile('{"allowEmpty": false}'), 'c.json')).toEqual({ allowEmpty: false });
    expect(() => loadConfigFile(configFile('{"allowEmpty": "yes"}'), 'c.json')).toThrow('c.json: allowEmpty must be true or false, got "yes"');
  });

  test('a YAML config file is read as YAML 1.2 (core schema): yes/no/on/off are strings, so allowEmpty: yes is refused', () => {
    const yamlFile = (text: string) => {
      const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
      fs.writeFileSync(file, text);
      return file;
    };
    for (const word of ['yes', 'on', 'Yes', 'ON', 'no', 'off']) {
      expect(() => loadConfigFile(yamlFile(`allowEmpty: ${word}\n`), 'c.yaml')).toThrow(`c.yaml: allowEmpty must be true or false, got "${word}"`);
    }
    // A %YAML 1.1 directive does not bring YAML 1.1's booleans back.
    expect(() => loadConfigFile(yamlFile('%YAML 1.1\n---\nallowEmpty: yes\n'), 'c.yaml')).toThrow('c.yaml: allowEmpty must be true or false, got "yes"');
    expect(loadConfigFile(yamlFile('allowEmpty: true\nretentionFloorDays: 400\n'), 'c.yaml')).toEqual({ allowEmpty: true, retentionFloorDays: 400 });
    // A CloudFormation short form means nothing in a config file: refused, not read as a function or a string.
    expect(() => loadConfigFile(yamlFile('retentionFloorDays: !Ref Days\n'), 'c.yaml')).toThrow(/^c\.yaml: unknown YAML tag !Ref at line 1, column \d+/);
  });

  test('refuses a value out of range, naming the key and the range', () => {
    expect(() => loadConfigFile(configFile('{"retentionFloorDays": 0}'), 'c.json')).toThrow('c.json: retentionFloorDays must be an integer from 1 to 36500, got 0');
  });
});
