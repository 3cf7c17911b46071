(function(){const e=document.createElement("link").relList;if(e&&e.supports&&e.supports("modulepreload"))return;for(const s of document.querySelectorAll('link[rel="modulepreload"]'))i(s);new MutationObserver(s=>{for(const o of s)if(o.type==="childList")for(const l of o.addedNodes)l.tagName==="LINK"&&l.rel==="modulepreload"&&i(l)}).observe(document,{childList:!0,subtree:!0});function t(s){const o={};return s.integrity&&(o.integrity=s.integrity),s.referrerPolicy&&(o.referrerPolicy=s.referrerPolicy),s.crossOrigin==="use-credentials"?o.credentials="include":s.crossOrigin==="anonymous"?o.credentials="omit":o.credentials="same-origin",o}function i(s){if(s.ep)return;s.ep=!0;const o=t(s);fetch(s.href,o)}})();const ue=globalThis,ye=n=>n,Q=ue.trustedTypes,ke=Q?Q.createPolicy("lit-html",{createHTML:n=>n}):void 0,Re="$lit$",N=`lit$${Math.random().toFixed(9).slice(2)}$`,Me="?"+N,je=`<${Me}>`,C=document,F=()=>C.createComment(""),V=n=>n===null||typeof n!="object"&&typeof n!="function",he=Array.isArray,ze=n=>he(n)||typeof n?.[Symbol.iterator]=="function",ie=`[ 	
\f\r]`,W=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ee=/-->/g,we=/>/g,A=RegExp(`>|${ie}(?:([^\\s"'>=/]+)(${ie}*=${ie}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),_e=/'/g,xe=/"/g,De=/^(?:script|style|textarea|title)$/i,He=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),r=He(1),b=He(2),B=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Te=new WeakMap,S=C.createTreeWalker(C,129);function Oe(n,e){if(!he(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return ke!==void 0?ke.createHTML(e):e}const Ge=(n,e)=>{const t=n.length-1,i=[];let s,o=e===2?"<svg>":e===3?"<math>":"",l=W;for(let c=0;c<t;c++){const u=n[c];let g,f,m=-1,y=0;for(;y<u.length&&(l.lastIndex=y,f=l.exec(u),f!==null);)y=l.lastIndex,l===W?f[1]==="!--"?l=Ee:f[1]!==void 0?l=we:f[2]!==void 0?(De.test(f[2])&&(s=RegExp("</"+f[2],"g")),l=A):f[3]!==void 0&&(l=A):l===A?f[0]===">"?(l=s??W,m=-1):f[1]===void 0?m=-2:(m=l.lastIndex-f[2].length,g=f[1],l=f[3]===void 0?A:f[3]==='"'?xe:_e):l===xe||l===_e?l=A:l===Ee||l===we?l=W:(l=A,s=void 0);const v=l===A&&n[c+1].startsWith("/>")?" ":"";o+=l===W?u+je:m>=0?(i.push(g),u.slice(0,m)+Re+u.slice(m)+N+v):u+N+(m===-2?c:v)}return[Oe(n,o+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),i]};class U{constructor({strings:e,_$litType$:t},i){let s;this.parts=[];let o=0,l=0;const c=e.length-1,u=this.parts,[g,f]=Ge(e,t);if(this.el=U.createElement(g,i),S.currentNode=this.el.content,t===2||t===3){const m=this.el.content.firstChild;m.replaceWith(...m.childNodes)}for(;(s=S.nextNode())!==null&&u.length<c;){if(s.nodeType===1){if(s.hasAttributes())for(const m of s.getAttributeNames())if(m.endsWith(Re)){const y=f[l++],v=s.getAttribute(m).split(N),R=/([.?@])?(.*)/.exec(y);u.push({type:1,index:o,name:R[2],strings:v,ctor:R[1]==="."?Qe:R[1]==="?"?Ze:R[1]==="@"?Xe:ee}),s.removeAttribute(m)}else m.startsWith(N)&&(u.push({type:6,index:o}),s.removeAttribute(m));if(De.test(s.tagName)){const m=s.textContent.split(N),y=m.length-1;if(y>0){s.textContent=Q?Q.emptyScript:"";for(let v=0;v<y;v++)s.append(m[v],F()),S.nextNode(),u.push({type:2,index:++o});s.append(m[y],F())}}}else if(s.nodeType===8)if(s.data===Me)u.push({type:2,index:o});else{let m=-1;for(;(m=s.data.indexOf(N,m+1))!==-1;)u.push({type:7,index:o}),m+=N.length-1}o++}}static createElement(e,t){const i=C.createElement("template");return i.innerHTML=e,i}}function H(n,e,t=n,i){if(e===B)return e;let s=i!==void 0?t._$Co?.[i]:t._$Cl;const o=V(e)?void 0:e._$litDirective$;return s?.constructor!==o&&(s?._$AO?.(!1),o===void 0?s=void 0:(s=new o(n),s._$AT(n,t,i)),i!==void 0?(t._$Co??=[])[i]=s:t._$Cl=s),s!==void 0&&(e=H(n,s._$AS(n,e.values),s,i)),e}class Je{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){const{el:{content:t},parts:i}=this._$AD,s=(e?.creationScope??C).importNode(t,!0);S.currentNode=s;let o=S.nextNode(),l=0,c=0,u=i[0];for(;u!==void 0;){if(l===u.index){let g;u.type===2?g=new Y(o,o.nextSibling,this,e):u.type===1?g=new u.ctor(o,u.name,u.strings,this,e):u.type===6&&(g=new et(o,this,e)),this._$AV.push(g),u=i[++c]}l!==u?.index&&(o=S.nextNode(),l++)}return S.currentNode=C,s}p(e){let t=0;for(const i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(e,i,t),t+=i.strings.length-2):i._$AI(e[t])),t++}}class Y{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,i,s){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=i,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode;const t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=H(this,e,t),V(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==B&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):ze(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&V(this._$AH)?this._$AA.nextSibling.data=e:this.T(C.createTextNode(e)),this._$AH=e}$(e){const{values:t,_$litType$:i}=e,s=typeof i=="number"?this._$AC(e):(i.el===void 0&&(i.el=U.createElement(Oe(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===s)this._$AH.p(t);else{const o=new Je(s,this),l=o.u(this.options);o.p(t),this.T(l),this._$AH=o}}_$AC(e){let t=Te.get(e.strings);return t===void 0&&Te.set(e.strings,t=new U(e)),t}k(e){he(this._$AH)||(this._$AH=[],this._$AR());const t=this._$AH;let i,s=0;for(const o of e)s===t.length?t.push(i=new Y(this.O(F()),this.O(F()),this,this.options)):i=t[s],i._$AI(o),s++;s<t.length&&(this._$AR(i&&i._$AB.nextSibling,s),t.length=s)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){const i=ye(e).nextSibling;ye(e).remove(),e=i}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}}class ee{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,i,s,o){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=s,this.options=o,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=d}_$AI(e,t=this,i,s){const o=this.strings;let l=!1;if(o===void 0)e=H(this,e,t,0),l=!V(e)||e!==this._$AH&&e!==B,l&&(this._$AH=e);else{const c=e;let u,g;for(e=o[0],u=0;u<o.length-1;u++)g=H(this,c[i+u],t,u),g===B&&(g=this._$AH[u]),l||=!V(g)||g!==this._$AH[u],g===d?e=d:e!==d&&(e+=(g??"")+o[u+1]),this._$AH[u]=g}l&&!s&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}}class Qe extends ee{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}}class Ze extends ee{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}}class Xe extends ee{constructor(e,t,i,s,o){super(e,t,i,s,o),this.type=5}_$AI(e,t=this){if((e=H(this,e,t,0)??d)===B)return;const i=this._$AH,s=e===d&&i!==d||e.capture!==i.capture||e.once!==i.once||e.passive!==i.passive,o=e!==d&&(i===d||s);s&&this.element.removeEventListener(this.name,this,i),o&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}}class et{constructor(e,t,i){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(e){H(this,e)}}const tt=ue.litHtmlPolyfillSupport;tt?.(U,Y),(ue.litHtmlVersions??=[]).push("3.3.3");const st=(n,e,t)=>{const i=e;let s=i._$litPart$;return s===void 0&&(i._$litPart$=s=new Y(e.insertBefore(F(),null),null,void 0,{})),s._$AI(n),s};class k extends Error{constructor(e,t,i,s=[],o=""){super(i),this.status=e,this.code=t,this.violations=s,this.requestId=o,this.name="ApiError"}status;code;violations;requestId}let de="";function pe(n){de=n}async function _(n,e,t){const i={Accept:"application/json"};t!==void 0&&(i["Content-Type"]="application/json"),de&&e.startsWith("/v1/")&&(i.Authorization=`Bearer ${de}`);let s;try{s=await fetch(e,{method:n,headers:i,body:t===void 0?void 0:JSON.stringify(t)})}catch(c){throw new k(0,"UNAVAILABLE",c instanceof Error?c.message:String(c))}const o=await s.text();let l;if(o)try{l=JSON.parse(o)}catch{l=void 0}if(!s.ok){const c=l??{};throw new k(s.status,c.code??`HTTP_${s.status}`,c.message??(o.trim()||s.statusText),Array.isArray(c.violations)?c.violations:[],c.requestId??s.headers.get("X-Request-Id")??"")}return l}const ne=(n,e,t)=>`/v1/me/plans/${encodeURIComponent(n)}/weeks/${e}/days/${t}`,w={devToken:n=>_("POST","/dev/token",n?{sub:n}:{}),getProfile:()=>_("GET","/v1/me/profile"),putProfile:n=>_("PUT","/v1/me/profile",n),createPlan:n=>_("POST","/v1/me/plans",{requestId:n}),listPlans:()=>_("GET","/v1/me/plans?page_size=100"),getPlan:n=>_("GET",`/v1/me/plans/${encodeURIComponent(n)}`),getWorkout:(n,e,t)=>_("GET",ne(n,e,t)),startWorkout:(n,e,t)=>_("POST",`${ne(n,e,t)}:start`,{}),completeWorkout:(n,e,t,i)=>_("POST",`${ne(n,e,t)}:complete`,i),listExercises:()=>_("GET","/v1/exercises?page_size=500")};function it(n,e=[]){let t=n.replace(/\[(\d+)\]/g,".$1").replace(/\["?([^"\]]*)"?\]/g,".$1").split(".").filter(Boolean).map(i=>i.replace(/_([a-z0-9])/g,(s,o)=>o.toUpperCase()));for(;t.length>1&&e.includes(t[0]);)t=t.slice(1);return t.join(".")}function me(n,e=[],t=i=>i){const i=new Map;for(const s of n){const o=it(s.field||"",e),l=i.get(o)??[];l.push(t(s.message||s.rule||"invalid")),i.set(o,l)}return i}function Ne(n){return n==null||n===""?0:typeof n=="number"?n:Number(n)}const qe={appTagline:"Your AI fitness coach",langName:"English",signInTitle:"Train with a plan made for you",signInLead:"Tell fitcoach your goal, level and equipment. It builds a multi-week plan and coaches every workout with video.",demoTitle:"Try it now",demoLead:"Create a demo person on this server — no account needed.",demoName:"Name (optional)",demoNameHint:"Letters, digits and _.@- ; empty picks a random demo name.",demoButton:"Start with a demo account",demoUnavailable:"Demo sign-in is only available when the server runs `fitcoach dev`. Paste a token instead.",tokenTitle:"Sign in with a token",tokenLead:"Paste the bearer token from your identity provider (or from `fitcoach token`).",tokenLabel:"Bearer token",tokenButton:"Sign in",tokenEmpty:"Paste a token first.",tokenRejected:"This token was not accepted: ",signOut:"Sign out",sessionExpired:"Your session has expired. Please sign in again.",navPlans:"My plans",navProfile:"Profile",onboardTitle:"Tell us about you",onboardLead:"A few answers and fitcoach builds your plan. You can change them any time.",profileTitle:"Your profile",profileLead:"Change your answers; new plans follow them.",goal:"Your goal",goalHint:"In your own words, e.g. “lose 5 kg and feel stronger”.",goalPlaceholder:"Get stronger and run 5 km without stopping",fitnessLevel:"Fitness level",FITNESS_LEVEL_BEGINNER:"Beginner",FITNESS_LEVEL_INTERMEDIATE:"Intermediate",FITNESS_LEVEL_ADVANCED:"Advanced",FITNESS_LEVEL_BEGINNER_hint:"New or returning to training",FITNESS_LEVEL_INTERMEDIATE_hint:"Training regularly for months",FITNESS_LEVEL_ADVANCED_hint:"Years of structured training",equipment:"Equipment you have",equipmentHint:"Bodyweight exercises are always included.",eq_dumbbell:"Dumbbells",eq_kettlebell:"Kettlebell",eq_barbell:"Barbell",eq_band:"Resistance band",eq_machine:"Gym machines",eq_pullup_bar:"Pull-up bar",eq_bench:"Bench",daysPerWeek:"Days per week",daysPerWeekHint:"2 to 6 training days",durationWeeks:"Plan length, weeks",durationWeeksHint:"4 to 12 weeks",sessionMinutes:"Minutes per session",sessionMinutesHint:"15 to 180 minutes",limitations:"Injuries or limitations",limitationsHint:"Optional. The plan avoids what hurts.",limitationsPlaceholder:"e.g. sore left knee, no jumping",archetype:"Your coach",ARCHETYPE_MENTOR:"Mentor",ARCHETYPE_PROFESSIONAL:"Professional",ARCHETYPE_PEER:"Training buddy",ARCHETYPE_MENTOR_hint:"Warm, patient, explains why",ARCHETYPE_PROFESSIONAL_hint:"Precise, structured, to the point",ARCHETYPE_PEER_hint:"Casual, upbeat, trains alongside you",locale:"Language",saveProfile:"Save and continue",saveChanges:"Save changes",saving:"Saving…",saved:"Saved.",fixFields:"Please fix the highlighted fields.",plansTitle:"My plans",noPlansTitle:"Ready for your plan",noPlansLead:"fitcoach will build a plan from your profile using only exercises it can show you on video.",generate:"Generate my plan",generateAnother:"Generate a new plan",generating:"Building your plan…",generatingLead:"Choosing exercises, checking every rule, laying out your weeks. This can take up to a minute.",weeksCount:"{n} weeks",createdAt:"Created {d}",open:"Open",week:"Week {n}",day:"Day {n}",dayShort:"D{n}",restDay:"Rest day",restDayLead:"Recover: sleep, walk, stretch. Muscles grow between workouts.",exercisesCount:"{n} exercises",setsReps:"{s} × {r}",rest:"rest {t}",restSecondsLabel:"Rest",done:"Done",nextUp:"Next up",howMade:"How this plan was made",provider:"Planner",provider_openai:"AI model",provider_builtin:"Built-in planner",model:"Model",attempts:"AI attempts",substitutions:"Substitutions",substitutionsNone:"none",substitutionLine:"Week {w}, day {d}: {from} → {to}",fallbackReason:"Fallback reason",promptVersion:"Prompt version",generationTime:"Generation time",tokens:"Tokens",notes:"Coach notes",backToPlan:"Back to plan",focus:"Focus",confidenceTask:"Today’s confidence task",startWorkout:"Start workout",restartWorkout:"Start again",starting:"Loading your videos…",completedBadge:"Completed",completedOn:"Completed {d}",effortValue:"Effort {n}/10",exercise:"Exercise",sets:"Sets",reps:"Reps",time:"Time",nowPlaying:"Now playing",upNext:"Up next",playlist:"Playlist",clipOf:"Clip {i} of {n}",prev:"Previous",next:"Next",playlistEmpty:"No videos for this workout right now — follow the exercise list below.",missingClips:"Some videos are missing: {list}",finished:"That’s the whole playlist. Log your workout below.",setProgress:"Set {i} of {n}",setDone:"Set {i}/{n} done",allSetsDone:"All sets done",restTimer:"Rest timer",restNow:"Rest",skipRest:"Skip rest",startRest:"Start rest {t}",restOver:"Rest over — next set!",kind_CLIP_KIND_INTRO:"Intro",kind_CLIP_KIND_TECHNIQUE:"Technique",kind_CLIP_KIND_INSTRUCTION:"Instruction",kind_CLIP_KIND_MISTAKE:"Common mistakes",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Motivation",kind_CLIP_KIND_REST_DAY:"Rest day",kind_CLIP_KIND_CLOSING:"Closing",videoError:"This video could not be played; skipping to the next one.",completeTitle:"Complete workout",completeLead:"Log what you did; it shapes your next workouts.",setsDone:"Sets done",repsDone:"Reps per set",repsDoneHint:"Comma-separated, e.g. 12, 10, 8",effort:"How hard was it? (1–10)",effortLow:"Easy",effortHigh:"Max effort",effortRequired:"Pick how hard it felt, from 1 to 10.",workoutNotes:"Notes",workoutNotesPlaceholder:"How did it go? Anything to adjust?",complete:"Complete workout",completing:"Saving…",completedTitle:"Workout done!",completedLead:"Great work. It’s logged — see you next session.",editLog:"Edit log",loading:"Loading…",retry:"Try again",errorTitle:"Something went wrong",notFound:"Not found",notFoundLead:"This page does not exist or is not yours.",home:"Home",requestId:"request {id}",seconds:"{n} s",minutes:"{n} min",minSec:"{m}:{s}",quoted:"“{s}”"},nt={appTagline:"Ваш ИИ-тренер",langName:"Русский",signInTitle:"Тренируйтесь по плану, созданному для вас",signInLead:"Расскажите fitcoach о цели, уровне и инвентаре. Он составит план на несколько недель и проведёт каждую тренировку с видео.",demoTitle:"Попробовать сейчас",demoLead:"Создайте демо-пользователя на этом сервере — без регистрации.",demoName:"Имя (необязательно)",demoNameHint:"Латиница, цифры и _.@- ; пусто — случайное демо-имя.",demoButton:"Войти с демо-аккаунтом",demoUnavailable:"Демо-вход доступен, только когда сервер запущен как `fitcoach dev`. Вставьте токен.",tokenTitle:"Вход по токену",tokenLead:"Вставьте bearer-токен от провайдера входа (или из `fitcoach token`).",tokenLabel:"Bearer-токен",tokenButton:"Войти",tokenEmpty:"Сначала вставьте токен.",tokenRejected:"Токен не принят: ",signOut:"Выйти",sessionExpired:"Сессия истекла. Войдите снова.",navPlans:"Мои планы",navProfile:"Профиль",onboardTitle:"Расскажите о себе",onboardLead:"Несколько ответов — и fitcoach составит план. Изменить их можно в любой момент.",profileTitle:"Ваш профиль",profileLead:"Измените ответы; новые планы будут их учитывать.",goal:"Ваша цель",goalHint:"Своими словами, например «сбросить 5 кг и стать сильнее».",goalPlaceholder:"Стать сильнее и пробежать 5 км без остановки",fitnessLevel:"Уровень подготовки",FITNESS_LEVEL_BEGINNER:"Начинающий",FITNESS_LEVEL_INTERMEDIATE:"Средний",FITNESS_LEVEL_ADVANCED:"Продвинутый",FITNESS_LEVEL_BEGINNER_hint:"Только начинаю или возвращаюсь",FITNESS_LEVEL_INTERMEDIATE_hint:"Тренируюсь регулярно несколько месяцев",FITNESS_LEVEL_ADVANCED_hint:"Годы системных тренировок",equipment:"Ваш инвентарь",equipmentHint:"Упражнения с собственным весом есть всегда.",eq_dumbbell:"Гантели",eq_kettlebell:"Гиря",eq_barbell:"Штанга",eq_band:"Эспандер-лента",eq_machine:"Тренажёры",eq_pullup_bar:"Турник",eq_bench:"Скамья",daysPerWeek:"Дней в неделю",daysPerWeekHint:"От 2 до 6 тренировочных дней",durationWeeks:"Длительность плана, недель",durationWeeksHint:"От 4 до 12 недель",sessionMinutes:"Минут на тренировку",sessionMinutesHint:"От 15 до 180 минут",limitations:"Травмы и ограничения",limitationsHint:"Необязательно. План обойдёт то, что болит.",limitationsPlaceholder:"например, болит левое колено, без прыжков",archetype:"Ваш тренер",ARCHETYPE_MENTOR:"Наставник",ARCHETYPE_PROFESSIONAL:"Профессионал",ARCHETYPE_PEER:"Напарник",ARCHETYPE_MENTOR_hint:"Тёплый, терпеливый, объясняет зачем",ARCHETYPE_PROFESSIONAL_hint:"Точный, структурный, по делу",ARCHETYPE_PEER_hint:"Лёгкий, бодрый, тренируется рядом",locale:"Язык",saveProfile:"Сохранить и продолжить",saveChanges:"Сохранить изменения",saving:"Сохраняем…",saved:"Сохранено.",fixFields:"Исправьте отмеченные поля.",plansTitle:"Мои планы",noPlansTitle:"Всё готово для плана",noPlansLead:"fitcoach составит план по вашему профилю только из упражнений, которые может показать на видео.",generate:"Составить мой план",generateAnother:"Составить новый план",generating:"Составляем план…",generatingLead:"Подбираем упражнения, проверяем каждое правило, раскладываем недели. Это может занять до минуты.",weeksCount:"Недель: {n}",createdAt:"Создан {d}",open:"Открыть",week:"Неделя {n}",day:"День {n}",dayShort:"Д{n}",restDay:"День отдыха",restDayLead:"Восстановление: сон, прогулка, растяжка. Мышцы растут между тренировками.",exercisesCount:"Упражнений: {n}",setsReps:"{s} × {r}",rest:"отдых {t}",restSecondsLabel:"Отдых",done:"Выполнено",nextUp:"Следующая",howMade:"Как составлен план",provider:"Планировщик",provider_openai:"ИИ-модель",provider_builtin:"Встроенный планировщик",model:"Модель",attempts:"Попыток ИИ",substitutions:"Замены",substitutionsNone:"нет",substitutionLine:"Неделя {w}, день {d}: {from} → {to}",fallbackReason:"Причина запасного плана",promptVersion:"Версия промпта",generationTime:"Время составления",tokens:"Токены",notes:"Заметки тренера",backToPlan:"К плану",focus:"Фокус",confidenceTask:"Задание на уверенность",startWorkout:"Начать тренировку",restartWorkout:"Начать заново",starting:"Загружаем видео…",completedBadge:"Выполнено",completedOn:"Выполнено {d}",effortValue:"Нагрузка {n}/10",exercise:"Упражнение",sets:"Подходы",reps:"Повторы",time:"Время",nowPlaying:"Сейчас",upNext:"Далее",playlist:"Плейлист",clipOf:"Видео {i} из {n}",prev:"Назад",next:"Дальше",playlistEmpty:"Видео для этой тренировки сейчас нет — следуйте списку упражнений ниже.",missingClips:"Некоторых видео нет: {list}",finished:"Плейлист закончился. Отметьте тренировку ниже.",setProgress:"Подход {i} из {n}",setDone:"Подход {i}/{n} сделан",allSetsDone:"Все подходы сделаны",restTimer:"Таймер отдыха",restNow:"Отдых",skipRest:"Пропустить отдых",startRest:"Отдых {t}",restOver:"Отдых окончен — следующий подход!",kind_CLIP_KIND_INTRO:"Вступление",kind_CLIP_KIND_TECHNIQUE:"Техника",kind_CLIP_KIND_INSTRUCTION:"Инструкция",kind_CLIP_KIND_MISTAKE:"Частые ошибки",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Мотивация",kind_CLIP_KIND_REST_DAY:"День отдыха",kind_CLIP_KIND_CLOSING:"Завершение",videoError:"Видео не воспроизводится; переходим к следующему.",completeTitle:"Завершить тренировку",completeLead:"Отметьте, что сделали, — это поможет следующим тренировкам.",setsDone:"Сделано подходов",repsDone:"Повторов в подходах",repsDoneHint:"Через запятую, например 12, 10, 8",effort:"Насколько тяжело? (1–10)",effortLow:"Легко",effortHigh:"На пределе",effortRequired:"Выберите, насколько было тяжело, от 1 до 10.",workoutNotes:"Заметки",workoutNotesPlaceholder:"Как прошло? Что поменять?",complete:"Завершить тренировку",completing:"Сохраняем…",completedTitle:"Тренировка выполнена!",completedLead:"Отличная работа. Всё записано — до следующей тренировки.",editLog:"Изменить запись",loading:"Загрузка…",retry:"Повторить",errorTitle:"Что-то пошло не так",notFound:"Не найдено",notFoundLead:"Такой страницы нет, или она не ваша.",home:"На главную",requestId:"запрос {id}",seconds:"{n} с",minutes:"{n} мин",minSec:"{m}:{s}",quoted:"«{s}»"},We={en:qe,ru:nt};let q="en";function te(n){q=n,document.documentElement.lang=n}function O(){return q}function Z(n){return n&&n.toLowerCase().startsWith("ru")?"ru":"en"}function a(n,e={}){return(We[q][n]??qe[n]??n).replace(/\{(\w+)\}/g,(i,s)=>s in e?String(e[s]):i)}function E(n,e=n){return We[q][n]??e}function fe(n){if(!n)return"";const e=new Date(n);return Number.isNaN(e.getTime())?"":e.toLocaleDateString(q==="ru"?"ru-RU":"en-GB",{day:"numeric",month:"short",year:"numeric"})}function T(n){if(n<60)return a("seconds",{n});const e=Math.floor(n/60),t=n%60;return t===0?a("minutes",{n:e}):a("minSec",{m:e,s:String(t).padStart(2,"0")})}const at=[[/^value must be greater than or equal to (-?[\d.]+) and less than or equal to (-?[\d.]+)$/,"значение должно быть от $1 до $2"],[/^value must be greater than or equal to (-?[\d.]+)$/,"значение должно быть не меньше $1"],[/^value must be less than or equal to (-?[\d.]+)$/,"значение должно быть не больше $1"],[/^value must be greater than (-?[\d.]+)$/,"значение должно быть больше $1"],[/^value must be less than (-?[\d.]+)$/,"значение должно быть меньше $1"],[/^value length must be at least (\d+) characters?$/,"не короче $1 символов"],[/^value length must be at most (\d+) characters?$/,"не длиннее $1 символов"],[/^value must contain at most (\d+) items?$/,"не больше $1 элементов"],[/^value must be in list \[(.*)\]$/,"допустимые значения: $1"],[/^value must be one of the defined enum values$/,"выберите один из вариантов"],[/^value must not be in list \[.*\]$/,"выберите один из вариантов"],[/^value is required$/,"обязательное поле"],[/^repeated value must contain unique items$/,"значения не должны повторяться"],[/^value does not match regex pattern .*$/,"недопустимые символы"]];function Fe(n){if(q!=="ru")return n;for(const[e,t]of at)if(e.test(n))return n.replace(e,t);return n}const ge="fitcoach.token",$e="fitcoach.locale",h={token:"",sub:"",profile:null,names:new Map,done:new Map,flash:""};let Ve=()=>{},Be=()=>{};function rt(n,e){Ve=n,Be=e}function p(){Ve()}function D(n,e=!1){Be(n,e)}function Ue(n){try{const e=n.split(".")[1]??"",t=atob(e.replace(/-/g,"+").replace(/_/g,"/").padEnd(Math.ceil(e.length/4)*4,"="));return JSON.parse(t).sub??""}catch{return""}}function ae(n){h.token=n.trim(),h.sub=Ue(h.token),h.profile=null,h.done.clear(),pe(h.token),localStorage.setItem(ge,h.token)}function ve(n=""){h.token="",h.sub="",h.profile=null,h.done.clear(),h.flash=n,pe(""),localStorage.removeItem(ge),D("/signin",!0)}function ot(){const n=localStorage.getItem($e);te(Z(n??navigator.language));const e=localStorage.getItem(ge);e&&(h.token=e,h.sub=Ue(e),pe(e))}function Ie(n){te(n),localStorage.setItem($e,n),p()}function Ke(n){h.profile=n,te(Z(n.locale)),localStorage.setItem($e,O())}let re=!1;function lt(){re||h.names.size>0||(re=!0,w.listExercises().then(n=>{for(const e of n.exercises??[])e.name&&(h.names.set(e.slug.toLowerCase(),e.name),e.code&&h.names.set(e.code.toLowerCase(),e.name));p()}).catch(()=>{}).finally(()=>{re=!1}))}function I(n,e=""){const t=h.names.get(n.toLowerCase()),i=t?O()==="ru"?t.ru||t.en:t.en||t.ru:"";if(i)return i;if(e)return e;const s=n.replace(/[-_]+/g," ").trim();return s.charAt(0).toUpperCase()+s.slice(1)}function L(n){return n instanceof k&&n.status===401?(ve(a("sessionExpired")),!0):!1}function K(n){return n instanceof k?n.message||n.code:n instanceof Error?n.message:String(n)}function P(n,e){const t=n instanceof k&&n.requestId?n.requestId:"";return r`<div class="alert alert-error" role="alert" data-testid="error">
    <div>
      <strong>${a("errorTitle")}</strong>
      <div>${K(n)}</div>
      ${t?r`<div class="muted small">${a("requestId",{id:t})}</div>`:d}
    </div>
    ${e?r`<button class="btn btn-ghost" @click=${e}>${a("retry")}</button>`:d}
  </div>`}function se(n=a("loading")){return r`<div class="loading" role="status"><span class="spin" aria-hidden="true"></span>${n}</div>`}function dt(){const n=new Uint8Array(16);return crypto.getRandomValues(n),"web-"+Array.from(n,e=>e.toString(16).padStart(2,"0")).join("")}function G(n,e,t){return`${n}/${e}/${t}`}function ce(n,e,t){const i=t&&t>0?T(t):e;return a("setsReps",{s:n,r:i})}class ct{name="";token="";busy="";demoError="";tokenError="";flash;constructor(){this.flash=h.flash,h.flash=""}async demo(e){e.preventDefault(),this.busy="demo",this.demoError="",p();try{const t=await w.devToken(this.name.trim()||void 0);ae(t.token),D("/",!0)}catch(t){t instanceof k&&(t.status===404||t.status===405)?this.demoError=a("demoUnavailable"):t instanceof k&&t.violations.length?this.demoError=[...me(t.violations).values()].flat().join(" "):this.demoError=K(t)}finally{this.busy="",p()}}async useToken(e){e.preventDefault();const t=this.token.trim().replace(/^Bearer\s+/i,"");if(!t){this.tokenError=a("tokenEmpty"),p();return}this.busy="token",this.tokenError="",p(),ae(t);try{await w.getProfile(),D("/",!0)}catch(i){i instanceof k&&i.status===404?D("/onboarding",!0):(this.tokenError=a("tokenRejected")+K(i),ae(""),localStorage.removeItem("fitcoach.token"))}finally{this.busy="",p()}}render(){return r`
      <section class="hero">
        <h1>${a("signInTitle")}</h1>
        <p class="lead">${a("signInLead")}</p>
      </section>
      ${this.flash?r`<div class="alert alert-info" role="status">${this.flash}</div>`:d}
      <div class="grid-2">
        <form class="card card-accent" @submit=${e=>this.demo(e)} data-testid="demo-form">
          <h2>${a("demoTitle")}</h2>
          <p class="muted">${a("demoLead")}</p>
          <label class="field">
            <span class="label">${a("demoName")}</span>
            <input
              type="text"
              autocomplete="nickname"
              maxlength="64"
              .value=${this.name}
              @input=${e=>this.name=e.target.value}
              data-testid="demo-name"
            />
            <span class="hint">${a("demoNameHint")}</span>
          </label>
          ${this.demoError?r`<p class="field-error" role="alert">${this.demoError}</p>`:d}
          <button class="btn btn-primary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="demo-signin">
            ${this.busy==="demo"?r`<span class="spin" aria-hidden="true"></span>`:d}${a("demoButton")}
          </button>
        </form>
        <form class="card" @submit=${e=>this.useToken(e)} data-testid="token-form">
          <h2>${a("tokenTitle")}</h2>
          <p class="muted">${a("tokenLead")}</p>
          <label class="field">
            <span class="label">${a("tokenLabel")}</span>
            <textarea
              rows="3"
              spellcheck="false"
              autocomplete="off"
              class="mono"
              placeholder="eyJhbGciOi…"
              .value=${this.token}
              @input=${e=>this.token=e.target.value}
              data-testid="token-input"
            ></textarea>
          </label>
          ${this.tokenError?r`<p class="field-error" role="alert">${this.tokenError}</p>`:d}
          <button class="btn btn-secondary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="token-signin">
            ${this.busy==="token"?r`<span class="spin" aria-hidden="true"></span>`:d}${a("tokenButton")}
          </button>
        </form>
      </div>
    `}}const ut={compass:b`<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5z"/>`,clipboard:b`<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4h6v3H9zM8.5 11h7M8.5 14.5h7M8.5 18h4"/>`,users:b`<circle cx="9" cy="8" r="3.2"/><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6"/><circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c2.8.2 5 2.6 5 5.8"/>`,play:b`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke="none"/>`,target:b`<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4.5"/><circle cx="12" cy="12" r="1" fill="currentColor"/>`,list:b`<path d="M9 6.5h11M9 12h11M9 17.5h11"/><circle cx="4.5" cy="6.5" r="1" fill="currentColor"/><circle cx="4.5" cy="12" r="1" fill="currentColor"/><circle cx="4.5" cy="17.5" r="1" fill="currentColor"/>`,alert:b`<path d="M12 3.5 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17v.2"/>`,flame:b`<path d="M12 21c-3.9 0-6.5-2.6-6.5-6.1 0-3.9 3.4-5.6 3.9-9.4 2.4 1.4 3.5 3.7 3.3 6 1-.5 1.8-1.5 2-2.8 2 1.6 3.3 3.8 3.3 6.3C18 18.4 15.7 21 12 21z"/>`,moon:b`<path d="M19.5 14.5A7.8 7.8 0 0 1 9.5 4.5a7.8 7.8 0 1 0 10 10z"/>`,flag:b`<path d="M5.5 21V4M5.5 4.5h11l-2 4 2 4h-11"/>`,hand:b`<path d="M7 11V6.5a1.5 1.5 0 0 1 3 0V11M10 10V5a1.5 1.5 0 0 1 3 0v5M13 10V6a1.5 1.5 0 0 1 3 0v6"/><path d="M16 9.5a1.5 1.5 0 0 1 3 0V14c0 4-2.7 7-6.5 7S6 18.5 5 15.5l-1.3-3.4a1.5 1.5 0 0 1 2.7-1.2L7 12"/>`,bolt:b`<path d="M13 2.5 4.5 13.5H11l-1 8 8.5-11H12z"/>`,prev:b`<path d="M6.5 5.5v13M18 5.5v13L8.5 12z"/>`,next:b`<path d="M17.5 5.5v13M6 5.5v13l9.5-6.5z"/>`,timer:b`<circle cx="12" cy="13.5" r="7.5"/><path d="M12 13.5V9.5M9.5 2.5h5M19 6.5l-1.5 1.5"/>`,check:b`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,volume:b`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"/>`};function $(n,e=20,t=""){return r`<svg
    class="icon"
    width=${e}
    height=${e}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="1.9"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${t?"img":"presentation"}
    aria-hidden=${t?"false":"true"}
    aria-label=${t||""}
  >
    ${ut[n]}
  </svg>`}const Ae=["FITNESS_LEVEL_BEGINNER","FITNESS_LEVEL_INTERMEDIATE","FITNESS_LEVEL_ADVANCED"],Se=["ARCHETYPE_MENTOR","ARCHETYPE_PROFESSIONAL","ARCHETYPE_PEER"],ht=["dumbbell","kettlebell","barbell","band","machine","pullup_bar","bench"],pt={ARCHETYPE_MENTOR:"compass",ARCHETYPE_PROFESSIONAL:"clipboard",ARCHETYPE_PEER:"users"};function j(n){const e=Number.parseInt(n.trim(),10);return Number.isFinite(e)?e:0}class Le{constructor(e){this.onboarding=e;const t=h.profile;this.form=t?{goal:t.goal,fitnessLevel:Ae.includes(t.fitnessLevel)?t.fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[...t.equipment??[]],daysPerWeek:String(t.daysPerWeek),durationWeeks:String(t.durationWeeks),sessionMinutes:String(t.sessionMinutes),limitations:t.limitations,archetype:Se.includes(t.archetype)?t.archetype:"ARCHETYPE_MENTOR",locale:Z(t.locale)}:{goal:"",fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[],daysPerWeek:"3",durationWeeks:"8",sessionMinutes:"45",limitations:"",archetype:"ARCHETYPE_MENTOR",locale:O()}}onboarding;form;errors=new Map;formError="";saving=!1;savedNote=!1;localeTouched=!1;set(e,t){this.form[e]=t,this.savedNote=!1,this.errors.delete(e)&&(this.formError=this.errors.size?this.formError:""),e==="locale"&&(this.localeTouched=!0,te(Z(t))),p()}toggleEquipment(e){const t=this.form.equipment.includes(e);this.set("equipment",t?this.form.equipment.filter(i=>i!==e):[...this.form.equipment,e])}async submit(e){e.preventDefault();const t=this.form,i={goal:t.goal.trim(),fitnessLevel:t.fitnessLevel,equipment:t.equipment,daysPerWeek:j(t.daysPerWeek),durationWeeks:j(t.durationWeeks),sessionMinutes:j(t.sessionMinutes),limitations:t.limitations.trim(),archetype:t.archetype,locale:t.locale};this.saving=!0,this.errors=new Map,this.formError="",p();try{const s=await w.putProfile(i);if(Ke(s.profile),this.onboarding){D("/",!0);return}this.savedNote=!0}catch(s){if(L(s))return;if(s instanceof k&&s.violations.length){this.errors=me(s.violations,["profile"],Fe);const o=new Set(Object.keys(t)),l=[...this.errors.entries()].filter(([c])=>!o.has(c.split(".")[0]));this.formError=[a("fixFields"),...l.map(([c,u])=>`${c}: ${u.join(" ")}`)].join(" ")}else this.formError=K(s)}finally{this.saving=!1,p(),this.errors.size&&requestAnimationFrame(()=>document.querySelector(".has-error input, .has-error textarea, .has-error button")?.focus())}}fieldErrors(e){const t=[];for(const[i,s]of this.errors)(i===e||i.startsWith(e+"."))&&t.push(...s);return t}field(e,t,i,s){const o=this.fieldErrors(e);return r`<div class="field ${o.length?"has-error":""}" data-field=${e}>
      <label class="label" for="f-${e}">${a(t)}</label>
      ${i}
      ${s?r`<span class="hint">${a(s)}</span>`:d}
      ${o.map(l=>r`<p class="field-error" role="alert" data-testid="error-${e}">${l}</p>`)}
    </div>`}numberInput(e,t,i,s=1){const o=this.form[e],l=c=>this.set(e,String(Math.min(i,Math.max(t,j(o)+c))));return r`<div class="stepper">
      <button type="button" class="step" aria-label="−" @click=${()=>l(-s)}>−</button>
      <input
        id="f-${e}"
        name=${e}
        type="number"
        inputmode="numeric"
        min=${t}
        max=${i}
        step=${s}
        .value=${o}
        @input=${c=>this.set(e,c.target.value)}
        data-testid="input-${e}"
      />
      <button type="button" class="step" aria-label="+" @click=${()=>l(s)}>+</button>
    </div>`}render(){const e=this.form;return this.onboarding&&!this.localeTouched&&(e.locale=O()),r`
      <section class="hero hero-sm">
        <h1>${this.onboarding?a("onboardTitle"):a("profileTitle")}</h1>
        <p class="lead">${this.onboarding?a("onboardLead"):a("profileLead")}</p>
      </section>
      <form class="card form" novalidate @submit=${t=>this.submit(t)} data-testid="profile-form">
        ${this.field("goal","goal",r`<textarea
            id="f-goal"
            name="goal"
            rows="2"
            maxlength="600"
            placeholder=${a("goalPlaceholder")}
            .value=${e.goal}
            @input=${t=>this.set("goal",t.target.value)}
            data-testid="input-goal"
          ></textarea>`,"goalHint")}
        ${this.field("fitnessLevel","fitnessLevel",r`<div class="choices choices-3" role="radiogroup" id="f-fitnessLevel">
            ${Ae.map(t=>r`<button
                type="button"
                role="radio"
                aria-checked=${e.fitnessLevel===t}
                class="choice ${e.fitnessLevel===t?"on":""}"
                @click=${()=>this.set("fitnessLevel",t)}
                data-testid="level-${t}"
              >
                <strong>${E(t)}</strong><span>${E(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("equipment","equipment",r`<div class="chips" id="f-equipment" role="group">
            ${ht.map(t=>r`<button
                type="button"
                class="chip ${e.equipment.includes(t)?"on":""}"
                aria-pressed=${e.equipment.includes(t)}
                @click=${()=>this.toggleEquipment(t)}
                data-testid="equipment-${t}"
              >
                ${e.equipment.includes(t)?"✓ ":""}${E("eq_"+t,t)}
              </button>`)}
          </div>`,"equipmentHint")}
        <div class="row-3">
          ${this.field("daysPerWeek","daysPerWeek",this.numberInput("daysPerWeek",1,7),"daysPerWeekHint")}
          ${this.field("durationWeeks","durationWeeks",this.numberInput("durationWeeks",1,16),"durationWeeksHint")}
          ${this.field("sessionMinutes","sessionMinutes",this.numberInput("sessionMinutes",5,240,5),"sessionMinutesHint")}
        </div>
        ${this.field("limitations","limitations",r`<textarea
            id="f-limitations"
            name="limitations"
            rows="2"
            maxlength="1000"
            placeholder=${a("limitationsPlaceholder")}
            .value=${e.limitations}
            @input=${t=>this.set("limitations",t.target.value)}
            data-testid="input-limitations"
          ></textarea>`,"limitationsHint")}
        ${this.field("archetype","archetype",r`<div class="choices choices-3" role="radiogroup" id="f-archetype">
            ${Se.map(t=>r`<button
                type="button"
                role="radio"
                aria-checked=${e.archetype===t}
                class="choice ${e.archetype===t?"on":""}"
                @click=${()=>this.set("archetype",t)}
                data-testid="archetype-${t}"
              >
                <span class="choice-icon">${$(pt[t],26)}</span>
                <strong>${E(t)}</strong><span>${E(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("locale","locale",r`<div class="segmented" role="radiogroup" id="f-locale">
            ${["en","ru"].map(t=>r`<button
                type="button"
                role="radio"
                aria-checked=${e.locale===t}
                class=${e.locale===t?"on":""}
                @click=${()=>this.set("locale",t)}
                data-testid="locale-${t}"
              >
                ${t==="en"?"English":"Русский"}
              </button>`)}
          </div>`)}
        ${this.formError?r`<div class="alert alert-error" role="alert" data-testid="form-error">${this.formError}</div>`:d}
        ${this.savedNote?r`<div class="alert alert-ok" role="status">${a("saved")}</div>`:d}
        <div class="actions">
          <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.saving} data-testid="save-profile">
            ${this.saving?r`<span class="spin" aria-hidden="true"></span>${a("saving")}`:this.onboarding?a("saveProfile"):a("saveChanges")}
          </button>
        </div>
      </form>
    `}}class mt{plans=null;loadError=null;generating=!1;genError=null;requestId="";constructor(){this.load()}async load(){this.loadError=null;try{const e=await w.listPlans();this.plans=e.plans??[]}catch(e){if(L(e))return;this.loadError=e}p()}async generate(){this.requestId||(this.requestId=dt()),this.generating=!0,this.genError=null,p();try{const e=await w.createPlan(this.requestId);this.requestId="",D(`/plans/${encodeURIComponent(e.plan.id)}`)}catch(e){if(L(e))return;this.genError=e,this.generating=!1,p()}}generatingCard(){return r`<div class="card generating" role="status" data-testid="generating">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h2>${a("generating")}</h2>
      <p class="muted">${a("generatingLead")}</p>
    </div>`}render(){if(this.loadError)return P(this.loadError,()=>{this.load()});if(!this.plans)return se();const e=h.profile;return this.plans.length===0?r`
        <section class="hero">
          <h1>${a("noPlansTitle")}</h1>
          <p class="lead">${a("noPlansLead")}</p>
        </section>
        ${e?r`<div class="card summary">
              <div class="summary-goal">${a("quoted",{s:e.goal})}</div>
              <ul class="facts">
                <li>${E(e.fitnessLevel)}</li>
                <li>${a("daysPerWeek")}: <strong>${e.daysPerWeek}</strong></li>
                <li>${a("weeksCount",{n:e.durationWeeks})}</li>
                <li>${a("minutes",{n:e.sessionMinutes})}</li>
                <li>${a("archetype")}: <strong>${E(e.archetype)}</strong></li>
              </ul>
            </div>`:d}
        ${this.genError?P(this.genError,()=>{this.generate()}):d}
        ${this.generating?this.generatingCard():r`<div class="actions actions-center">
              <button class="btn btn-cta btn-lg" @click=${()=>this.generate()} data-testid="generate">${a("generate")}</button>
            </div>`}
      `:r`
      <div class="page-head">
        <h1>${a("plansTitle")}</h1>
        ${this.generating?d:r`<button class="btn btn-primary" @click=${()=>this.generate()} data-testid="generate">${a("generateAnother")}</button>`}
      </div>
      ${this.genError?P(this.genError,()=>{this.generate()}):d}
      ${this.generating?this.generatingCard():d}
      <ul class="plan-list">
        ${this.plans.map(t=>r`<li>
            <a class="card plan-card" href="/plans/${encodeURIComponent(t.id)}" data-nav data-testid="plan-link">
              <div class="plan-card-main">
                <h2>${t.planName}</h2>
                <p class="muted">${t.goal}</p>
              </div>
              <div class="plan-card-meta">
                <span class="badge">${a("weeksCount",{n:t.durationWeeks})}</span>
                <span class="badge badge-soft">${E("provider_"+t.provider,t.provider)}</span>
                ${t.createTime?r`<span class="muted small">${a("createdAt",{d:fe(t.createTime)})}</span>`:d}
              </div>
              <span class="chev" aria-hidden="true">›</span>
            </a>
          </li>`)}
      </ul>
    `}}class ft{constructor(e,t){this.id=e,this.week=t,this.load()}id;week;plan=null;error=null;checked=new Set;async load(){this.error=null;try{this.plan=(await w.getPlan(this.id)).plan,(this.week<1||this.week>this.plan.weeks.length)&&(this.week=1),this.checkDone(this.week)}catch(e){if(L(e))return;this.error=e}p()}async checkDone(e){if(!this.plan||this.checked.has(e))return;this.checked.add(e);const t=this.plan.weeks.find(i=>i.weekNumber===e);t&&(await Promise.all(t.days.filter(i=>!i.isRestDay).map(async i=>{try{const s=(await w.getWorkout(this.id,e,i.dayNumber)).workout;h.done.set(G(this.id,e,i.dayNumber),!!s.log?.completeTime||!!s.log?.perceivedEffort)}catch{}})),p())}selectWeek(e){this.week=e,history.replaceState(null,"",`/plans/${encodeURIComponent(this.id)}?week=${e}`),this.checkDone(e),p()}dayCard(e,t){const i=h.done.get(G(this.id,this.week,e.dayNumber)),s=`/plans/${encodeURIComponent(this.id)}/weeks/${this.week}/days/${e.dayNumber}`;return r`<a
      class="card day-card ${e.isRestDay?"is-rest":""} ${i?"is-done":""} ${t?"is-next":""}"
      href=${s}
      data-nav
      data-testid="day-${e.dayNumber}"
    >
      <div class="day-head">
        <span class="day-num">${a("day",{n:e.dayNumber})}</span>
        ${e.isRestDay?r`<span class="badge badge-rest">${$("moon",14)} ${a("restDay")}</span>`:d}
        ${i?r`<span class="badge badge-done" data-testid="day-done">✓ ${a("done")}</span>`:d}
        ${t?r`<span class="badge badge-next" data-testid="day-next">${$("play",12)} ${a("nextUp")}</span>`:d}
      </div>
      <h3>${e.workoutName}</h3>
      ${e.isRestDay?r`<p class="muted small">${a("restDayLead")}</p>`:r`<ul class="ex-list">
            ${e.exercises.map(o=>r`<li>
                <span class="ex-name">${I(o.exerciseSlug)}</span>
                <span class="ex-dose">
                  <span class="dose">${ce(o.sets,o.reps,o.durationSeconds)}</span>
                  <span class="rest">${a("rest",{t:T(o.restSeconds)})}</span>
                </span>
              </li>`)}
          </ul>`}
      <span class="day-open" aria-hidden="true">›</span>
    </a>`}provenance(e){const t=e.usage,i=t?Ne(t.totalTokens):0;return r`<details class="card provenance" ?open=${window.innerWidth>=900} data-testid="provenance">
      <summary><h2>${a("howMade")}</h2></summary>
      <dl class="kv">
        <div><dt>${a("provider")}</dt><dd data-testid="prov-provider">${E("provider_"+e.provider,e.provider||"—")}</dd></div>
        ${e.model?r`<div><dt>${a("model")}</dt><dd>${e.model}</dd></div>`:d}
        <div><dt>${a("attempts")}</dt><dd>${e.attempts}</dd></div>
        <div>
          <dt>${a("substitutions")}</dt>
          <dd>
            ${e.substitutionCount||(e.substitutions??[]).length||a("substitutionsNone")}
            ${(e.substitutions??[]).length?r`<ul class="subs">
                  ${e.substitutions.slice(0,12).map(s=>r`<li>
                        ${a("substitutionLine",{w:s.week,d:s.day,from:I(s.fromSlug),to:I(s.toSlug)})}
                      </li>`)}
                  ${e.substitutions.length>12?r`<li>…</li>`:d}
                </ul>`:d}
          </dd>
        </div>
        ${e.fallbackReason?r`<div class="wide"><dt>${a("fallbackReason")}</dt><dd data-testid="prov-fallback">${e.fallbackReason}</dd></div>`:d}
        ${e.promptVersion?r`<div><dt>${a("promptVersion")}</dt><dd>${e.promptVersion}</dd></div>`:d}
        <div><dt>${a("generationTime")}</dt><dd>${Ne(e.generationMs)} ms</dd></div>
        ${i?r`<div><dt>${a("tokens")}</dt><dd>${i}</dd></div>`:d}
      </dl>
    </details>`}render(){if(this.error)return this.error instanceof k&&this.error.status===404?r`<div class="card empty"><h1>${a("notFound")}</h1><p class="muted">${a("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${a("home")}</a></div>`:P(this.error,()=>{this.load()});const e=this.plan;if(!e)return se();const t=e.weeks.find(s=>s.weekNumber===this.week)??e.weeks[0],i=t.days.find(s=>!s.isRestDay&&h.done.get(G(this.id,t.weekNumber,s.dayNumber))===!1)?.dayNumber;return r`
      <section class="plan-hero">
        <div class="plan-hero-text">
          <h1 data-testid="plan-name">${e.planName}</h1>
          <p class="lead">${e.goal}</p>
          <div class="meta-row">
            <span class="badge">${a("weeksCount",{n:e.durationWeeks})}</span>
            <span class="badge badge-soft">${E(e.archetype)}</span>
            ${e.createTime?r`<span class="muted small">${a("createdAt",{d:fe(e.createTime)})}</span>`:d}
          </div>
          ${e.notes?r`<p class="notes"><strong>${a("notes")}:</strong> ${e.notes}</p>`:d}
        </div>
        ${this.provenance(e)}
      </section>
      <nav class="weeks" aria-label="Weeks" data-testid="weeks">
        ${e.weeks.map(s=>r`<button
            class="week-tab ${s.weekNumber===t.weekNumber?"on":""}"
            aria-current=${s.weekNumber===t.weekNumber?"true":"false"}
            @click=${()=>this.selectWeek(s.weekNumber)}
            data-testid="week-${s.weekNumber}"
          >
            ${a("week",{n:s.weekNumber})}
          </button>`)}
      </nav>
      ${t.weekFocus?r`<p class="week-focus"><span class="label-inline">${a("focus")}:</span> ${t.weekFocus}</p>`:d}
      <div class="days">${t.days.map(s=>this.dayCard(s,s.dayNumber===i))}</div>
    `}}const gt="modulepreload",$t=function(n){return"/"+n},Pe={},vt=function(e,t,i){let s=Promise.resolve();if(t&&t.length>0){let g=function(f){return Promise.all(f.map(m=>Promise.resolve(m).then(y=>({status:"fulfilled",value:y}),y=>({status:"rejected",reason:y}))))};var l=g;document.getElementsByTagName("link");const c=document.querySelector("meta[property=csp-nonce]"),u=c?.nonce||c?.getAttribute("nonce");s=g(t.map(f=>{if(f=$t(f),f in Pe)return;Pe[f]=!0;const m=f.endsWith(".css"),y=m?'[rel="stylesheet"]':"";if(document.querySelector(`link[href="${f}"]${y}`))return;const v=document.createElement("link");if(v.rel=m?"stylesheet":gt,m||(v.as="script"),v.crossOrigin="",v.href=f,u&&v.setAttribute("nonce",u),document.head.appendChild(v),m)return new Promise((R,Ye)=>{v.addEventListener("load",R),v.addEventListener("error",()=>Ye(new Error(`Unable to preload CSS for ${f}`)))})}))}function o(c){const u=new Event("vite:preloadError",{cancelable:!0});if(u.payload=c,window.dispatchEvent(u),!u.defaultPrevented)throw c}return s.then(c=>{for(const u of c||[])u.status==="rejected"&&o(u.reason);return e().catch(o)})},bt="application/vnd.apple.mpegurl";function yt(n){try{return new URL(n.url,location.href).pathname.endsWith(".m3u8")}catch{return n.url.includes(".m3u8")}}class kt{constructor(e,t,i){this.items=e,this.onChange=t,this.refresh=i;const s=document.createElement("video");s.playsInline=!0,s.controls=!0,s.preload="auto",s.className="video",s.setAttribute("playsinline",""),s.setAttribute("data-testid","video"),s.addEventListener("ended",()=>this.advance()),s.addEventListener("error",()=>{this.onError()}),s.addEventListener("play",()=>this.onChange()),s.addEventListener("pause",()=>this.onChange()),this.video=s}items;onChange;refresh;video;index=0;finished=!1;mutedByPolicy=!1;failed=-1;hls=null;refreshedAt=-1;skipTimer=0;loadSeq=0;get current(){return this.items[this.index]}async load(e,t=!0){if(e<0||e>=this.items.length)return;const i=++this.loadSeq;window.clearTimeout(this.skipTimer),this.index=e,this.finished=!1,this.failed=-1,this.detachHLS();const s=this.items[e],o=this.video;if(yt(s)&&!o.canPlayType(bt)){const{default:l}=await vt(async()=>{const{default:c}=await import("./hls-39WTWagW.js");return{default:c}},[]);if(i!==this.loadSeq)return;if(l.isSupported()){const c=new l({enableWorker:!0,lowLatencyMode:!1});c.on(l.Events.ERROR,(u,g)=>{g.fatal&&this.onError()}),c.loadSource(s.url),c.attachMedia(o),this.hls=c}else o.src=s.url}else o.src=s.url;this.onChange(),t&&await this.play()}async play(){try{await this.video.play()}catch(e){if(e instanceof DOMException&&e.name==="NotAllowedError"&&!this.video.muted){this.video.muted=!0,this.mutedByPolicy=!0;try{await this.video.play()}catch{}}}this.onChange()}unmute(){this.video.muted=!1,this.mutedByPolicy=!1,this.onChange()}next(){this.index<this.items.length-1&&this.load(this.index+1)}prev(){this.index>0&&this.load(this.index-1)}advance(){this.index<this.items.length-1?this.load(this.index+1):(this.finished=!0,this.onChange())}async onError(){const e=this.current;if(!e)return;if((e.urlExpireTime?Date.parse(e.urlExpireTime)<=Date.now()+5e3:!1)&&this.refreshedAt!==this.index){this.refreshedAt=this.index;const s=await this.refresh().catch(()=>null);if(s&&s.length===this.items.length){this.items=s;const o=this.video.currentTime;await this.load(this.index),this.video.currentTime=o;return}}this.failed=this.index,this.onChange();const i=this.index;this.skipTimer=window.setTimeout(()=>{this.index===i&&this.advance()},1500)}detachHLS(){this.hls&&(this.hls.destroy(),this.hls=null)}destroy(){window.clearTimeout(this.skipTimer),this.loadSeq++,this.detachHLS(),this.video.pause(),this.video.removeAttribute("src"),this.video.load()}}const Et={CLIP_KIND_INTRO:"hand",CLIP_KIND_TECHNIQUE:"target",CLIP_KIND_INSTRUCTION:"list",CLIP_KIND_MISTAKE:"alert",CLIP_KIND_WEEKLY_MOTIVATION:"flame",CLIP_KIND_REST_DAY:"moon",CLIP_KIND_CLOSING:"flag"};function Ce(n,e=16){const t=Et[n??""];return t?$(t,e):d}function wt(n){const e=Number.parseInt(n,10);return Number.isFinite(e)?e:0}function z(n,e){const t=wt(e);return Array.from({length:Math.max(0,n)},()=>String(t)).join(", ")}class _t{constructor(e,t,i){this.planId=e,this.week=t,this.day=i,this.load()}planId;week;day;workout=null;error=null;starting=!1;startError=null;player=null;notice="";missing=[];showPlaylist=window.innerWidth>=900;exIdx=0;setsDone=new Map;rest=null;restTick=0;restOver=!1;rows=new Map;effort=0;notes="";errors=new Map;completeError="";completing=!1;editing=!1;justCompleted=!1;get key(){return G(this.planId,this.week,this.day)}async load(){this.error=null;try{this.workout=(await w.getWorkout(this.planId,this.week,this.day)).workout,this.fillForm()}catch(e){if(L(e))return;this.error=e}p()}fillForm(){const e=this.workout;if(!e)return;const t=e.log;for(const i of e.exercises??[]){const s=t?.exercises?.find(c=>c.exerciseSlug.toLowerCase()===i.exerciseSlug.toLowerCase()),o=s?s.setsDone:this.setsDone.get(i.exerciseSlug)||i.sets,l=s?(s.repsDone??[]).join(", "):z(o,i.reps);this.rows.set(i.exerciseSlug,{sets:String(o),reps:l,repsEdited:!!s})}t?.perceivedEffort&&(this.effort=t.perceivedEffort),t?.notes&&(this.notes=t.notes)}get completed(){const e=this.workout?.log;return!!e&&(!!e.completeTime||e.perceivedEffort>0)}async start(){this.starting=!0,this.startError=null,p();try{const e=await w.startWorkout(this.planId,this.week,this.day);e.workout&&(this.workout={...e.workout,log:e.workout.log??this.workout?.log}),this.notice=e.notice??"",this.missing=e.playlist?.missing??[];const t=(e.playlist?.items??[]).filter(i=>i.url);this.player?.destroy(),this.player=new kt(t,()=>this.onClip(),()=>this.refreshURLs()),this.exIdx=0,this.starting=!1,p(),t.length&&await this.player.load(0),requestAnimationFrame(()=>document.querySelector(".session")?.scrollIntoView({behavior:"smooth",block:"start"}))}catch(e){if(L(e))return;this.startError=e,this.starting=!1,p()}}async refreshURLs(){return((await w.startWorkout(this.planId,this.week,this.day)).playlist?.items??[]).filter(t=>t.url)}onClip(){const e=this.player?.current,t=this.workout?.exercises??[];if(e?.exerciseSlug){const i=t.findIndex(s=>s.exerciseSlug.toLowerCase()===e.exerciseSlug.toLowerCase());i>=0&&(this.exIdx=i)}p()}showExercise(e){const t=this.workout?.exercises?.length??0;this.exIdx=Math.max(0,Math.min(t-1,e)),p()}editLog(){this.editing=!0,this.justCompleted=!1,this.fillForm(),p()}tickSet(e){const t=Math.min(e.sets,(this.setsDone.get(e.exerciseSlug)??0)+1);this.setsDone.set(e.exerciseSlug,t);const i=this.rows.get(e.exerciseSlug);i&&(i.sets=String(t),i.repsEdited||(i.reps=z(t,e.reps))),t<e.sets?this.startRest(e.restSeconds):(this.stopRest(),p())}startRest(e){this.stopRest(),this.restOver=!1,this.rest={endAt:Date.now()+e*1e3,total:e},this.restTick=window.setInterval(()=>{this.rest&&Date.now()>=this.rest.endAt&&(this.stopRest(),this.restOver=!0,"vibrate"in navigator&&navigator.vibrate?.(200)),p()},250),p()}stopRest(){window.clearInterval(this.restTick),this.restTick=0,this.rest=null}async complete(e){e.preventDefault();const t=this.workout;if(!t)return;if(this.errors=new Map,this.completeError="",this.effort<1||this.effort>10){this.errors.set("perceivedEffort",[a("effortRequired")]),p();return}const i=(t.exercises??[]).map(s=>{const o=this.rows.get(s.exerciseSlug),l=Number.parseInt(o?.sets??"0",10),c=(o?.reps??"").split(/[^0-9]+/).filter(Boolean).map(u=>Number.parseInt(u,10));return{exerciseSlug:s.exerciseSlug,setsDone:Number.isFinite(l)?l:0,repsDone:c}});this.completing=!0,p();try{const s=await w.completeWorkout(this.planId,this.week,this.day,{exercises:i,perceivedEffort:this.effort,notes:this.notes.trim()});this.workout={...t,log:s.log},h.done.set(this.key,!0),this.editing=!1,this.justCompleted=!0,this.stopRest(),requestAnimationFrame(()=>document.querySelector("[data-testid=completed]")?.scrollIntoView({behavior:"smooth",block:"center"}))}catch(s){if(L(s))return;s instanceof k&&s.violations.length?(this.errors=me(s.violations,["request"],Fe),this.completeError=a("fixFields")):this.completeError=K(s)}finally{this.completing=!1,p()}}errs(e){const t=[];for(const[i,s]of this.errors)(i===e||i.startsWith(e+"."))&&t.push(...s);return t}header(e){return r`<section class="day-hero ${e.isRestDay?"is-rest":""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${a("backToPlan")}</a>
      <div class="eyebrow">${a("week",{n:this.week})} · ${a("day",{n:this.day})}</div>
      <h1 data-testid="workout-name">${e.workoutName}</h1>
      <div class="meta-row">
        ${e.isRestDay?r`<span class="badge badge-rest">${$("moon",14)} ${a("restDay")}</span>`:d}
        ${e.isRestDay?d:r`<span class="badge">${a("exercisesCount",{n:e.exercises.length})}</span>`}
        ${this.completed?r`<span class="badge badge-done" data-testid="done-badge">✓ ${a("completedBadge")}</span>`:d}
      </div>
      ${e.weekFocus?r`<p class="week-focus"><span class="label-inline">${a("focus")}:</span> ${e.weekFocus}</p>`:d}
      ${e.confidenceTask?r`<div class="task"><span class="task-icon">${$("bolt",22)}</span><div><strong>${a("confidenceTask")}</strong><p>${e.confidenceTask}</p></div></div>`:d}
      ${this.player?d:r`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="start-workout">
              ${this.starting?r`<span class="spin" aria-hidden="true"></span>${a("starting")}`:r`${$("play",20)} ${a("startWorkout")}`}
            </button>
          </div>`}
      ${this.startError?P(this.startError,()=>{this.start()}):d}
    </section>`}exerciseTable(e){return e.isRestDay?r`<div class="card rest-card"><span class="big-icon">${$("moon",44)}</span><p>${a("restDayLead")}</p></div>`:r`<ol class="card ex-table" data-testid="exercises">
      ${e.exercises.map((t,i)=>r`<li class=${this.player&&i===this.exIdx?"current":""}>
          <span class="ex-idx">${i+1}</span>
          <span class="ex-name">${I(t.exerciseSlug,t.name)}</span>
          <span class="ex-dose">
            <span class="dose">${ce(t.sets,t.reps,t.durationSeconds)}</span>
            <span class="rest">${a("rest",{t:T(t.restSeconds)})}</span>
          </span>
          ${(this.setsDone.get(t.exerciseSlug)??0)>=t.sets?r`<span class="tick" aria-label=${a("done")}>✓</span>`:d}
        </li>`)}
    </ol>`}restRing(){const e=this.rest,t=Math.max(0,Math.ceil((e.endAt-Date.now())/1e3)),i=e.total>0?Math.max(0,(e.endAt-Date.now())/(e.total*1e3)):0,s=2*Math.PI*42;return r`<div class="rest-timer" role="timer" aria-live="off" data-testid="rest-timer">
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${s} stroke-dashoffset=${s*(1-i)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${a("restNow")}</span><strong>${T(t)}</strong></div>
      <button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),p()}}>${a("skipRest")}</button>
    </div>`}coachPanel(e){const t=e.exercises??[];if(e.isRestDay||t.length===0)return r`<div class="coach-panel card"><p class="muted">${a("restDayLead")}</p></div>`;const i=t[Math.min(this.exIdx,t.length-1)],s=this.setsDone.get(i.exerciseSlug)??0,o=this.player?.current,l=!o?.exerciseSlug&&o?.kind==="CLIP_KIND_INTRO";return r`<div class="coach-panel card" data-testid="current-exercise">
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx===0} @click=${()=>this.showExercise(this.exIdx-1)} aria-label=${a("prev")}>‹</button>
        <div class="eyebrow">${a(l?"upNext":"exercise")} ${this.exIdx+1}/${t.length}</div>
        <button class="icon-btn" ?disabled=${this.exIdx>=t.length-1} @click=${()=>this.showExercise(this.exIdx+1)} aria-label=${a("next")}>›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${I(i.exerciseSlug,i.name)}</h2>
      <div class="dose-grid">
        <div><span class="dose-num" data-testid="current-sets">${i.sets}</span><span class="dose-lbl">${a("sets")}</span></div>
        ${i.durationSeconds>0?r`<div><span class="dose-num" data-testid="current-reps">${T(i.durationSeconds)}</span><span class="dose-lbl">${a("time")}</span></div>`:r`<div><span class="dose-num" data-testid="current-reps">${i.reps}</span><span class="dose-lbl">${a("reps")}</span></div>`}
        <div><span class="dose-num" data-testid="current-rest">${T(i.restSeconds)}</span><span class="dose-lbl">${a("restSecondsLabel")}</span></div>
      </div>
      <div class="set-dots" aria-label=${a("setProgress",{i:s,n:i.sets})}>
        ${Array.from({length:i.sets},(c,u)=>r`<span class=${u<s?"on":""}></span>`)}
      </div>
      ${this.rest?this.restRing():s>=i.sets?r`<p class="all-done">✓ ${a("allSetsDone")}</p>`:r`<div class="coach-actions">
              <button class="btn btn-primary" @click=${()=>this.tickSet(i)} data-testid="set-done">
                ${$("check",18)} ${a("setDone",{i:s+1,n:i.sets})}
              </button>
              <button class="btn btn-ghost" @click=${()=>this.startRest(i.restSeconds)} data-testid="start-rest">${$("timer",18)} ${a("startRest",{t:T(i.restSeconds)})}</button>
            </div>`}
      ${this.restOver&&!this.rest?r`<p class="rest-over" role="status">${a("restOver")}</p>`:d}
    </div>`}session(e){const t=this.player,i=t.current,s=t.items.length,o=e.isRestDay||(e.exercises??[]).length===0;return r`<section class="session" data-testid="session">
      ${this.notice?r`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>`:d}
      ${this.missing.length?r`<div class="alert alert-warn" role="status">
            ${a("missingClips",{list:this.missing.map(l=>`${E("kind_"+l.kind,l.kind)}${l.exerciseSlug?" · "+I(l.exerciseSlug):""}`).join(", ")})}
          </div>`:d}
      <div class="session-grid ${o?"solo":""}">
        <div class="player card">
          ${s?r`<div class="video-box">
                  ${t.video}
                  ${t.failed===t.index?r`<div class="video-overlay">${a("videoError")}</div>`:d}
                  ${t.mutedByPolicy?r`<button class="unmute" @click=${()=>t.unmute()}>${$("volume",18)}</button>`:d}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${a("clipOf",{i:t.index+1,n:s})}</span>
                      ${i?.kind?r`<span class="badge badge-soft kind">${Ce(i.kind,14)} ${E("kind_"+i.kind,"")}</span>`:d}
                    </div>
                    <div class="now-title" data-testid="now-title">${i?.title||I(i?.exerciseSlug??"",i?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${t.index===0} @click=${()=>t.prev()} aria-label=${a("prev")} data-testid="prev-clip">${$("prev",18)}</button>
                    <button class="icon-btn" ?disabled=${t.index>=s-1} @click=${()=>t.next()} aria-label=${a("next")} data-testid="next-clip">${$("next",18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span style="width:${(t.index+(t.finished?1:0))/s*100}%"></span></div>
                ${t.finished?r`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${$("flag",18)} ${a("finished")}</div>`:d}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${l=>this.showPlaylist=l.target.open}>
                  <summary>${a("playlist")} · ${s}</summary>
                  <ol>
                    ${t.items.map((l,c)=>r`<li class="${c===t.index?"on":""} ${c<t.index?"past":""}">
                        <button @click=${()=>{t.load(c)}} data-testid="clip-${c}">
                          <span class="pl-icon" aria-hidden="true">${c===t.index?$("play",16):c<t.index?$("check",16):Ce(l.kind)}</span>
                          <span class="pl-title">${l.title||E("kind_"+l.kind,l.kind)}</span>
                          <span class="pl-dur">${T(l.durationSeconds)}</span>
                        </button>
                      </li>`)}
                  </ol>
                </details>`:r`<div class="alert alert-info">${this.notice?"":a("playlistEmpty")}</div>`}
        </div>
        ${o?d:this.coachPanel(e)}
      </div>
    </section>`}completeForm(e){const t=this.errs("perceivedEffort"),i=this.errs("notes");return r`<form class="card form complete-form" novalidate @submit=${s=>this.complete(s)} data-testid="complete-form">
      <h2>${a("completeTitle")}</h2>
      <p class="muted">${a("completeLead")}</p>
      ${e.exercises.length?r`<div class="log-rows">
            ${e.exercises.map((s,o)=>{const l=this.rows.get(s.exerciseSlug)??{sets:String(s.sets),reps:z(s.sets,s.reps),repsEdited:!1},c=this.errs(`exercises.${o}`);return r`<div class="log-row ${c.length?"has-error":""}">
                <div class="log-name">
                  <strong>${I(s.exerciseSlug,s.name)}</strong>
                  <span class="muted small">${ce(s.sets,s.reps,s.durationSeconds)}</span>
                </div>
                <label class="log-sets">
                  <span class="label">${a("setsDone")}</span>
                  <div class="stepper stepper-sm">
                    <button type="button" class="step" @click=${()=>this.setRow(s,Math.max(0,Number.parseInt(l.sets,10)-1||0))}>−</button>
                    <input
                      type="number"
                      inputmode="numeric"
                      min="0"
                      max="20"
                      .value=${l.sets}
                      @input=${u=>this.setRowRaw(s,u.target.value)}
                      data-testid="sets-done-${o}"
                    />
                    <button type="button" class="step" @click=${()=>this.setRow(s,Math.min(20,(Number.parseInt(l.sets,10)||0)+1))}>+</button>
                  </div>
                </label>
                <label class="log-reps">
                  <span class="label">${a("repsDone")}</span>
                  <input
                    type="text"
                    inputmode="numeric"
                    placeholder=${a("repsDoneHint")}
                    .value=${l.reps}
                    @input=${u=>{l.reps=u.target.value,l.repsEdited=!0,this.rows.set(s.exerciseSlug,l)}}
                    data-testid="reps-done-${o}"
                  />
                </label>
                ${c.map(u=>r`<p class="field-error" role="alert">${u}</p>`)}
              </div>`})}
          </div>`:d}
      <div class="field ${t.length?"has-error":""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${a("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({length:10},(s,o)=>o+1).map(s=>r`<button
              type="button"
              role="radio"
              aria-checked=${this.effort===s}
              class="e${s} ${this.effort===s?"on":""}"
              @click=${()=>{this.effort=s,this.errors.delete("perceivedEffort"),p()}}
              data-testid="effort-${s}"
            >
              ${s}
            </button>`)}
        </div>
        <div class="effort-scale muted small"><span>${a("effortLow")}</span><span>${a("effortHigh")}</span></div>
        ${t.map(s=>r`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${s}</p>`)}
      </div>
      <label class="field ${i.length?"has-error":""}">
        <span class="label">${a("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${a("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${s=>this.notes=s.target.value}
          data-testid="notes"
        ></textarea>
        ${i.map(s=>r`<p class="field-error" role="alert">${s}</p>`)}
      </label>
      ${this.completeError?r`<div class="alert alert-error" role="alert">${this.completeError}</div>`:d}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing?r`<span class="spin" aria-hidden="true"></span>${a("completing")}`:r`${$("check",20)} ${a("complete")}`}
        </button>
      </div>
    </form>`}setRow(e,t){this.setRowRaw(e,String(t)),p()}setRowRaw(e,t){const i=this.rows.get(e.exerciseSlug)??{sets:t,reps:"",repsEdited:!1};i.sets=t;const s=Number.parseInt(t,10);!i.repsEdited&&Number.isFinite(s)&&(i.reps=z(Math.min(20,Math.max(0,s)),e.reps)),this.rows.set(e.exerciseSlug,i),p()}completedCard(e){const t=e.log;return r`<div class="card completed ${this.justCompleted?"pop":""}" role="status" data-testid="completed">
      <div class="completed-icon">${$("check",26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted?a("completedTitle"):a("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted?a("completedLead"):""}
          ${t.completeTime?a("completedOn",{d:fe(t.completeTime)}):""}
        </p>
        ${t.notes?r`<p class="log-notes">${a("quoted",{s:t.notes})}</p>`:d}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${a("effortValue",{n:t.perceivedEffort})}</span>
          <button class="btn btn-ghost btn-sm" @click=${()=>this.editLog()} data-testid="edit-log">
            ${a("editLog")}
          </button>
        </div>
      </div>
    </div>`}render(){if(this.error)return this.error instanceof k&&this.error.status===404?r`<div class="card empty"><h1>${a("notFound")}</h1><p class="muted">${a("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${a("home")}</a></div>`:P(this.error,()=>{this.load()});const e=this.workout;if(!e)return se();const t=this.completed?this.editing:!!this.player;return r`
      ${this.header(e)}
      ${this.completed&&!this.editing?this.completedCard(e):d}
      ${this.player?this.session(e):d}
      ${this.exerciseTable(e)}
      ${t?this.completeForm(e):d}
    `}destroy(){this.stopRest(),this.player?.destroy(),this.player=null}}const xt=document.getElementById("app");let M=null,X=null;const Tt=[{pattern:/^\/signin$/,auth:!1,needsProfile:!1,make:()=>new ct},{pattern:/^\/onboarding$/,auth:!0,needsProfile:!1,make:()=>new Le(!0)},{pattern:/^\/profile$/,auth:!0,needsProfile:!0,make:()=>new Le(!1)},{pattern:/^\/$/,auth:!0,needsProfile:!0,make:()=>new mt},{pattern:/^\/plans\/([^/]+)$/,auth:!0,needsProfile:!0,make:(n,e)=>new ft(decodeURIComponent(n[1]),Number(e.get("week"))||1)},{pattern:/^\/plans\/([^/]+)\/weeks\/(\d+)\/days\/(\d+)$/,auth:!0,needsProfile:!0,make:n=>new _t(decodeURIComponent(n[1]),Number(n[2]),Number(n[3]))}];function Nt(n){const e=!!h.token,t=!!h.profile,i=location.pathname;return r`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="/" @click=${oe}>
          <span class="logo" aria-hidden="true">
            <svg viewBox="0 0 64 64" width="28" height="28"><rect width="64" height="64" rx="14" fill="currentColor" /><path d="M14 27h6v10h-6zM44 27h6v10h-6zM20 23h5v18h-5zM39 23h5v18h-5zM25 30h14v4H25z" fill="#fff" /></svg>
          </span>
          <span class="brand-text"><strong>fitcoach</strong><span class="tagline">${a("appTagline")}</span></span>
        </a>
        <nav class="nav">
          ${e&&t?r`<a href="/" class=${i==="/"||i.startsWith("/plans")?"active":""} @click=${oe} data-testid="nav-plans">${a("navPlans")}</a>
                <a href="/profile" class=${i==="/profile"?"active":""} @click=${oe} data-testid="nav-profile">${a("navProfile")}</a>`:d}
          ${t?d:r`<div class="lang" role="group" aria-label="Language">
                <button class=${O()==="en"?"on":""} @click=${()=>Ie("en")} data-testid="lang-en">EN</button>
                <button class=${O()==="ru"?"on":""} @click=${()=>Ie("ru")} data-testid="lang-ru">RU</button>
              </div>`}
          ${e?r`<button class="btn btn-ghost btn-sm" @click=${()=>ve()} title=${h.sub} data-testid="sign-out">
                <span class="avatar" aria-hidden="true">${(h.sub||"?").charAt(0).toUpperCase()}</span>
                <span class="hide-sm">${a("signOut")}</span>
              </button>`:d}
        </nav>
      </div>
    </header>
    <main class="page">${n}</main>
  `}function J(){let n;X?n=P(X,()=>x()):n=M?M.render():se(),st(Nt(n),xt)}function oe(n){const e=n.currentTarget;n.button!==0||n.metaKey||n.ctrlKey||n.shiftKey||n.altKey||(n.preventDefault(),be(e.getAttribute("href")??"/",!1))}function be(n,e){e?history.replaceState(null,"",n):history.pushState(null,"",n),x()}let le=0;async function x(){const n=++le;X=null;const e=new URL(location.href),t=Tt.find(i=>i.pattern.test(e.pathname));if(!t)return history.replaceState(null,"","/"),x();if(t.auth&&!h.token)return history.replaceState(null,"","/signin"),x();if(!t.auth&&h.token&&e.pathname==="/signin")return history.replaceState(null,"","/"),x();if(t.auth&&!h.profile){M?.destroy?.(),M=null,J();try{const i=await w.getProfile();if(n!==le)return;Ke(i.profile)}catch(i){if(n!==le)return;if(i instanceof k&&i.status===401){ve(a("sessionExpired"));return}if(!(i instanceof k&&i.status===404)){X=i,J();return}}lt()}if(t.needsProfile&&!h.profile)return history.replaceState(null,"","/onboarding"),x();if(e.pathname==="/onboarding"&&h.profile)return history.replaceState(null,"","/"),x();M?.destroy?.(),M=t.make(e.pathname.match(t.pattern),e.searchParams),window.scrollTo(0,0),J()}rt(J,be);window.addEventListener("popstate",()=>{x()});ot();x();document.addEventListener("click",n=>{const e=n.target?.closest?.("a[data-nav]");!e||n.button!==0||n.metaKey||n.ctrlKey||n.shiftKey||n.altKey||(n.preventDefault(),be(e.getAttribute("href")??"/",!1))});
