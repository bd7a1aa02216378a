import { describe, expect, it } from 'vitest';
import { requestedPort } from '../../scripts/demo/port.ts';

describe('npm run demo’s port', () => {
  it('honours PORT as npm start does, DEMO_PORT first', () => {
    expect(requestedPort({ PORT: '4321' })).toBe(4321);
    expect(requestedPort({ PORT: '4321', DEMO_PORT: '5432' })).toBe(5432);
    expect(requestedPort({ PORT: '0' })).toBe(0);
  });

  it('leaves the choice to the demo (3000, or a free port) when neither is set', () => {
    expect(requestedPort({})).toBeNull();
    expect(requestedPort({ PORT: '' })).toBeNull();
  });

  it('names the variable when its value is no port', () => {
    expect(() => requestedPort({ PORT: 'eighty' })).toThrow(
      'PORT must be a port number (0–65535), got "eighty"',
    );
    expect(() => requestedPort({ DEMO_PORT: '70000' })).toThrow('DEMO_PORT must be a port number');
  });
});
