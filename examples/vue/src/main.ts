import { createApp } from 'vue'
// Registers every claims-* element, and types them in every template of the app.
import '@claimdesk/widget'
import type {} from '@claimdesk/widget/jsx-vue'
import '@claimdesk/widget/themes/light.css'
import './style.css'
import App from './App.vue'

createApp(App).mount('#app')
