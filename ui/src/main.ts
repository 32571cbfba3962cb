import { createApp } from 'vue'
// Element Plus components and their styles are imported where templates use them (see
// vite.config.ts); the message and message-box services are called from scripts, so their
// styles are imported here.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'

createApp(App).mount('#app')
