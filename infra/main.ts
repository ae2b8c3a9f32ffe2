import { createApp } from './app.ts';

createApp().app.synth();
