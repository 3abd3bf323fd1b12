import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: forwards the contract's operations to main, exposes nothing else.
contextBridge.exposeInMainWorld(
  'kredsbog',
  createBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
