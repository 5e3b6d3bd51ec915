import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [react()],
  build: {
    // Two pages: the custom element in JSX (index.html), and the package's React components (wrapper.html).
    rolldownOptions: { input: { main: 'index.html', wrapper: 'wrapper.html' } },
  },
})
