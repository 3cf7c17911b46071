(function(){const e=document.createElement("link").relList;if(e&&e.supports&&e.supports("modulepreload"))return;for(const i of document.querySelectorAll('link[rel="modulepreload"]'))n(i);new MutationObserver(i=>{for(const a of i)if(a.type==="childList")for(const l of a.addedNodes)l.tagName==="LINK"&&l.rel==="modulepreload"&&n(l)}).observe(document,{childList:!0,subtree:!0});function t(i){const a={};return i.integrity&&(a.integrity=i.integrity),i.referrerPolicy&&(a.referrerPolicy=i.referrerPolicy),i.crossOrigin==="use-credentials"?a.credentials="include":i.crossOrigin==="anonymous"?a.credentials="omit":a.credentials="same-origin",a}function n(i){if(i.ep)return;i.ep=!0;const a=t(i);fetch(i.href,a)}})();const xe=globalThis,We=s=>s,re=xe.trustedTypes,Fe=re?re.createPolicy("lit-html",{createHTML:s=>s}):void 0,pt="$lit$",x=`lit$${Math.random().toFixed(9).slice(2)}$`,ft="?"+x,Nt=`<${ft}>`,H=document,Q=()=>H.createComment(""),X=s=>s===null||typeof s!="object"&&typeof s!="function",Ae=Array.isArray,xt=s=>Ae(s)||typeof s?.[Symbol.iterator]=="function",ue=`[ 	
\f\r]`,K=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ue=/-->/g,Ke=/>/g,L=RegExp(`>|${ue}(?:([^\\s"'>=/]+)(${ue}*=${ue}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Je=/'/g,Ye=/"/g,mt=/^(?:script|style|textarea|title)$/i,$t=s=>(e,...t)=>({_$litType$:s,strings:e,values:t}),o=$t(1),w=$t(2),Z=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ge=new WeakMap,R=H.createTreeWalker(H,129);function gt(s,e){if(!Ae(s)||!s.hasOwnProperty("raw"))throw Error("invalid template strings array");return Fe!==void 0?Fe.createHTML(e):e}const At=(s,e)=>{const t=s.length-1,n=[];let i,a=e===2?"<svg>":e===3?"<math>":"",l=K;for(let c=0;c<t;c++){const u=s[c];let p,f,h=-1,v=0;for(;v<u.length&&(l.lastIndex=v,f=l.exec(u),f!==null);)v=l.lastIndex,l===K?f[1]==="!--"?l=Ue:f[1]!==void 0?l=Ke:f[2]!==void 0?(mt.test(f[2])&&(i=RegExp("</"+f[2],"g")),l=L):f[3]!==void 0&&(l=L):l===L?f[0]===">"?(l=i??K,h=-1):f[1]===void 0?h=-2:(h=l.lastIndex-f[2].length,p=f[1],l=f[3]===void 0?L:f[3]==='"'?Ye:Je):l===Ye||l===Je?l=L:l===Ue||l===Ke?l=K:(l=L,i=void 0);const g=l===L&&s[c+1].startsWith("/>")?" ":"";a+=l===K?u+Nt:h>=0?(n.push(p),u.slice(0,h)+pt+u.slice(h)+x+g):u+x+(h===-2?c:g)}return[gt(s,a+(s[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),n]};class ee{constructor({strings:e,_$litType$:t},n){let i;this.parts=[];let a=0,l=0;const c=e.length-1,u=this.parts,[p,f]=At(e,t);if(this.el=ee.createElement(p,n),R.currentNode=this.el.content,t===2||t===3){const h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(i=R.nextNode())!==null&&u.length<c;){if(i.nodeType===1){if(i.hasAttributes())for(const h of i.getAttributeNames())if(h.endsWith(pt)){const v=f[l++],g=i.getAttribute(h).split(x),T=/([.?@])?(.*)/.exec(v);u.push({type:1,index:a,name:T[2],strings:g,ctor:T[1]==="."?Ct:T[1]==="?"?Rt:T[1]==="@"?Pt:le}),i.removeAttribute(h)}else h.startsWith(x)&&(u.push({type:6,index:a}),i.removeAttribute(h));if(mt.test(i.tagName)){const h=i.textContent.split(x),v=h.length-1;if(v>0){i.textContent=re?re.emptyScript:"";for(let g=0;g<v;g++)i.append(h[g],Q()),R.nextNode(),u.push({type:2,index:++a});i.append(h[v],Q())}}}else if(i.nodeType===8)if(i.data===ft)u.push({type:2,index:a});else{let h=-1;for(;(h=i.data.indexOf(x,h+1))!==-1;)u.push({type:7,index:a}),h+=x.length-1}a++}}static createElement(e,t){const n=H.createElement("template");return n.innerHTML=e,n}}function W(s,e,t=s,n){if(e===Z)return e;let i=n!==void 0?t._$Co?.[n]:t._$Cl;const a=X(e)?void 0:e._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(s),i._$AT(s,t,n)),n!==void 0?(t._$Co??=[])[n]=i:t._$Cl=i),i!==void 0&&(e=W(s,i._$AS(s,e.values),i,n)),e}class Lt{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){const{el:{content:t},parts:n}=this._$AD,i=(e?.creationScope??H).importNode(t,!0);R.currentNode=i;let a=R.nextNode(),l=0,c=0,u=n[0];for(;u!==void 0;){if(l===u.index){let p;u.type===2?p=new se(a,a.nextSibling,this,e):u.type===1?p=new u.ctor(a,u.name,u.strings,this,e):u.type===6&&(p=new Dt(a,this,e)),this._$AV.push(p),u=n[++c]}l!==u?.index&&(a=R.nextNode(),l++)}return R.currentNode=H,i}p(e){let t=0;for(const n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(e,n,t),t+=n.strings.length-2):n._$AI(e[t])),t++}}class se{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode;const t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=W(this,e,t),X(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==Z&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):xt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&X(this._$AH)?this._$AA.nextSibling.data=e:this.T(H.createTextNode(e)),this._$AH=e}$(e){const{values:t,_$litType$:n}=e,i=typeof n=="number"?this._$AC(e):(n.el===void 0&&(n.el=ee.createElement(gt(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===i)this._$AH.p(t);else{const a=new Lt(i,this),l=a.u(this.options);a.p(t),this.T(l),this._$AH=a}}_$AC(e){let t=Ge.get(e.strings);return t===void 0&&Ge.set(e.strings,t=new ee(e)),t}k(e){Ae(this._$AH)||(this._$AH=[],this._$AR());const t=this._$AH;let n,i=0;for(const a of e)i===t.length?t.push(n=new se(this.O(Q()),this.O(Q()),this,this.options)):n=t[i],n._$AI(a),i++;i<t.length&&(this._$AR(n&&n._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){const n=We(e).nextSibling;We(e).remove(),e=n}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}}class le{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,i,a){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=a,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=d}_$AI(e,t=this,n,i){const a=this.strings;let l=!1;if(a===void 0)e=W(this,e,t,0),l=!X(e)||e!==this._$AH&&e!==Z,l&&(this._$AH=e);else{const c=e;let u,p;for(e=a[0],u=0;u<a.length-1;u++)p=W(this,c[n+u],t,u),p===Z&&(p=this._$AH[u]),l||=!X(p)||p!==this._$AH[u],p===d?e=d:e!==d&&(e+=(p??"")+a[u+1]),this._$AH[u]=p}l&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}}class Ct extends le{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}}class Rt extends le{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}}class Pt extends le{constructor(e,t,n,i,a){super(e,t,n,i,a),this.type=5}_$AI(e,t=this){if((e=W(this,e,t,0)??d)===Z)return;const n=this._$AH,i=e===d&&n!==d||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,a=e!==d&&(n===d||i);i&&this.element.removeEventListener(this.name,this,n),a&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}}class Dt{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){W(this,e)}}const Ot=xe.litHtmlPolyfillSupport;Ot?.(ee,se),(xe.litHtmlVersions??=[]).push("3.3.3");const Mt=(s,e,t)=>{const n=e;let i=n._$litPart$;return i===void 0&&(n._$litPart$=i=new se(e.insertBefore(Q(),null),null,void 0,{})),i._$AI(s),i};class E extends Error{constructor(e,t,n,i=[],a=""){super(n),this.status=e,this.code=t,this.violations=i,this.requestId=a,this.name="ApiError"}status;code;violations;requestId}let ke="";function Le(s){ke=s}async function I(s,e,t){const n={Accept:"application/json"};t!==void 0&&(n["Content-Type"]="application/json"),ke&&e.startsWith("/v1/")&&(n.Authorization=`Bearer ${ke}`);let i;try{i=await fetch(e,{method:s,headers:n,body:t===void 0?void 0:JSON.stringify(t)})}catch(c){throw new E(0,"UNAVAILABLE",c instanceof Error?c.message:String(c))}const a=await i.text();let l;if(a)try{l=JSON.parse(a)}catch{l=void 0}if(!i.ok){const c=l??{};throw new E(i.status,c.code??`HTTP_${i.status}`,c.message??(a.trim()||i.statusText),Array.isArray(c.violations)?c.violations:[],c.requestId??i.headers.get("X-Request-Id")??"")}return l}const he=(s,e,t)=>`/v1/me/plans/${encodeURIComponent(s)}/weeks/${e}/days/${t}`,_={devToken:s=>I("POST","/dev/token",s?{sub:s}:{}),getProfile:()=>I("GET","/v1/me/profile"),putProfile:s=>I("PUT","/v1/me/profile",s),createPlan:s=>I("POST","/v1/me/plans",{requestId:s}),listPlans:()=>I("GET","/v1/me/plans?page_size=100"),getPlan:s=>I("GET",`/v1/me/plans/${encodeURIComponent(s)}`),getWorkout:(s,e,t)=>I("GET",he(s,e,t)),startWorkout:(s,e,t)=>I("POST",`${he(s,e,t)}:start`,{}),completeWorkout:(s,e,t,n)=>I("POST",`${he(s,e,t)}:complete`,n),listExercises:()=>I("GET","/v1/exercises?page_size=500")};function Ht(s,e=[]){let t=s.replace(/\[(\d+)\]/g,".$1").replace(/\["?([^"\]]*)"?\]/g,".$1").split(".").filter(Boolean).map(n=>n.replace(/_([a-z0-9])/g,(i,a)=>a.toUpperCase()));for(;t.length>1&&e.includes(t[0]);)t=t.slice(1);return t.join(".")}function Ce(s,e=[],t=n=>n){const n=new Map;for(const i of s){const a=Ht(i.field||"",e),l=n.get(a)??[];l.push(t(i.message||i.rule||"invalid")),n.set(a,l)}return n}function ze(s){return s==null||s===""?0:typeof s=="number"?s:Number(s)}const Re={appTagline:"Your AI fitness coach",langName:"English",signInTitle:"Train with a plan made for you",signInLead:"Tell fitcoach your goal, level and equipment. It builds a multi-week plan and coaches every workout with video.",demoTitle:"Try it now",demoLead:"Create a demo person on this server — no account needed.",demoName:"Name (optional)",demoNameHint:"Letters, digits and _.@- ; empty picks a random demo name.",demoButton:"Start with a demo account",demoUnavailable:"Demo sign-in is only available when the server runs `fitcoach dev`. Paste a token instead.",tokenTitle:"Sign in with a token",tokenLead:"Paste the bearer token from your identity provider (or from `fitcoach token`).",tokenLabel:"Bearer token",tokenButton:"Sign in",tokenEmpty:"Paste a token first.",tokenRejected:"This token was not accepted: ",signOut:"Sign out",signOutConfirm:"Sign out of fitcoach on this device?",sessionExpired:"Your session has expired. Please sign in again.",navPlans:"My plans",navProfile:"Profile",onboardTitle:"Tell us about you",onboardLead:"A few answers and fitcoach builds your plan. You can change them any time.",profileTitle:"Your profile",profileLead:"Change your answers; new plans follow them.",goal:"Your goal",goalHint:"In your own words, e.g. “lose 5 kg and feel stronger”.",goalPlaceholder:"Get stronger and run 5 km without stopping",fitnessLevel:"Fitness level",FITNESS_LEVEL_BEGINNER:"Beginner",FITNESS_LEVEL_INTERMEDIATE:"Intermediate",FITNESS_LEVEL_ADVANCED:"Advanced",FITNESS_LEVEL_BEGINNER_hint:"New or returning to training",FITNESS_LEVEL_INTERMEDIATE_hint:"Training regularly for months",FITNESS_LEVEL_ADVANCED_hint:"Years of structured training",equipment:"Equipment you have",equipmentHint:"Bodyweight exercises are always included.",eq_dumbbell:"Dumbbells",eq_kettlebell:"Kettlebell",eq_barbell:"Barbell",eq_band:"Resistance band",eq_machine:"Gym machines",eq_pullup_bar:"Pull-up bar",eq_bench:"Bench",daysPerWeek:"Days per week",daysPerWeekHint:"2 to 6 training days",durationWeeks:"Plan length, weeks",durationWeeksHint:"4 to 12 weeks",sessionMinutes:"Minutes per session",sessionMinutesHint:"15 to 180 minutes",limitations:"Injuries or limitations",limitationsHint:"Optional. The plan avoids what hurts.",limitationsPlaceholder:"e.g. sore left knee, no jumping",archetype:"Your coach",ARCHETYPE_MENTOR:"Mentor",ARCHETYPE_PROFESSIONAL:"Professional",ARCHETYPE_PEER:"Training buddy",ARCHETYPE_MENTOR_hint:"Warm, patient, explains why",ARCHETYPE_PROFESSIONAL_hint:"Precise, structured, to the point",ARCHETYPE_PEER_hint:"Casual, upbeat, trains alongside you",locale:"Language",saveProfile:"Save and continue",saveChanges:"Save changes",saving:"Saving…",saved:"Saved.",fixFields:"Please fix the highlighted fields.",plansTitle:"My plans",noPlansTitle:"Ready for your plan",noPlansLead:"fitcoach will build a plan from your profile using only exercises it can show you on video.",generate:"Generate my plan",generateAnother:"Generate a new plan",generating:"Building your plan…",generatingLead:"Choosing exercises, checking every rule, laying out your weeks. This can take up to a minute.",weeksCount:"{n} weeks",createdAt:"Created {d}",open:"Open",week:"Week {n}",day:"Day {n}",dayShort:"D{n}",restDay:"Rest day",restDayLead:"Recover: sleep, walk, stretch. Muscles grow between workouts.",exercisesCount:"{n} exercises",setsReps:"{s} × {r}",rest:"rest {t}",restSecondsLabel:"Rest",done:"Done",nextUp:"Next up",howMade:"How this plan was made",provider:"Planner",provider_openai:"AI model",provider_builtin:"Built-in planner",model:"Model",attempts:"AI attempts",substitutions:"Substitutions",substitutionsNone:"none",substitutionLine:"Week {w}, day {d}: {from} → {to}",fallbackReason:"Fallback reason",promptVersion:"Prompt version",generationTime:"Generation time",tokens:"Tokens",notes:"Coach notes",backToPlan:"Back to plan",focus:"Focus",confidenceTask:"Today’s confidence task",startWorkout:"Start workout",restartWorkout:"Start again",starting:"Loading your videos…",completedBadge:"Completed",completedOn:"Completed {d}",effortValue:"Effort {n}/10",exercise:"Exercise",sets:"Sets",reps:"Reps",time:"Time",nowPlaying:"Now playing",upNext:"Up next",playlist:"Playlist",clipOf:"Clip {i} of {n}",prev:"Previous",next:"Next",playlistEmpty:"No videos for this workout right now — follow the exercise list below.",missingClips:"Some videos are missing: {list}",finished:"That’s the whole playlist. Log your workout below.",setProgress:"Set {i} of {n}",setDone:"Set {i}/{n} done",allSetsDone:"All sets done",restTimer:"Rest timer",restNow:"Rest",skipRest:"Skip rest",startRest:"Start rest {t}",restOver:"Rest over — next set!",kind_CLIP_KIND_INTRO:"Intro",kind_CLIP_KIND_TECHNIQUE:"Technique",kind_CLIP_KIND_INSTRUCTION:"Instruction",kind_CLIP_KIND_MISTAKE:"Common mistakes",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Motivation",kind_CLIP_KIND_REST_DAY:"Rest day",kind_CLIP_KIND_CLOSING:"Closing",videoError:"This video could not be played; skipping to the next one.",completeTitle:"Complete workout",completeLead:"Log what you did; it shapes your next workouts.",setsDone:"Sets done",repsDone:"Reps per set",repsDoneHint:"Comma-separated, e.g. 12, 10, 8",effort:"How hard was it? (1–10)",effortLow:"Easy",effortHigh:"Max effort",effortRequired:"Pick how hard it felt, from 1 to 10.",workoutNotes:"Notes",workoutNotesPlaceholder:"How did it go? Anything to adjust?",complete:"Complete workout",completing:"Saving…",completedTitle:"Workout done!",completedLead:"Great work. It’s logged — see you next session.",editLog:"Edit log",block_warmup:"Warm-up",block_main:"Main",block_accessory:"Accessories",block_conditioning:"Conditioning",block_cooldown:"Cool-down",span_s:"{n} s",span_min:"{n} min",span_min_s:"{m} min {s} s",km:"{n} km",meters:"{n} m",rpe:"RPE {n}",rpeTitle:"Rate of perceived exertion, 1–10: how hard it should feel",rir_one:"{n} rep in reserve",rir_other:"{n} reps in reserve",rounds_one:"{n} round",rounds_other:"{n} rounds",intervals:"{rounds}: {work} work / {recovery} recovery",exercises_one:"{n} exercise",exercises_other:"{n} exercises",weeks_one:"{n} week",weeks_other:"{n} weeks",roundsLabel:"Rounds",workLabel:"Work",recoveryLabel:"Recovery",distanceLabel:"Distance",effortTarget:"Effort",roundsDone:"Rounds done",secondsDone:"Seconds per set",secondsDoneHint:"Comma-separated, e.g. 40, 35",minutesDone:"Minutes",kmDone:"Distance, km (optional)",markDone:"Mark done",loggedTitle:"Logged",objectives:"What do you train for?",objectivesHint:"Pick the main one first, then up to 2 more. Empty: read from your goal.",charCount:"{n}/{max}",queued:"Saved on this device. It will be sent when you are back online.",nextExercise:"Next exercise",holdNow:"Hold",holdDone:"Done",startHold:"Start {t}",resumed:"Picked up where you left off: your ticked sets and log are back.",offline:"You seem to be offline. Check your connection and try again.",recoveryTitle:"Recovery day",recovery1:"An easy 20–30 minute walk",recovery2:"5–10 minutes of gentle stretching",recovery3:"7–9 hours of sleep and enough water",recoveryVideo:"Rest-day video",primary:"main",makePrimary:"Make {o} the main one",OBJECTIVE_ENDURANCE:"Endurance",OBJECTIVE_STRENGTH:"Strength",OBJECTIVE_HYPERTROPHY:"Muscle",OBJECTIVE_FAT_LOSS:"Fat loss",OBJECTIVE_MOBILITY:"Mobility",OBJECTIVE_GENERAL_HEALTH:"General health",injuries:"Joints to spare",injuriesHint:"Exercises that load them are left out.",JOINT_KNEES:"Knees",JOINT_LOWER_BACK:"Lower back",JOINT_SHOULDERS:"Shoulders",JOINT_WRISTS:"Wrists",JOINT_HIPS:"Hips",JOINT_ANKLES:"Ankles",JOINT_NECK:"Neck",loading:"Loading…",retry:"Try again",errorTitle:"Something went wrong",notFound:"Not found",notFoundLead:"This page does not exist or is not yours.",home:"Home",requestId:"request {id}",seconds:"{n} s",minutes:"{n} min",minSec:"{m}:{s}",quoted:"“{s}”"},qt={appTagline:"Ваш ИИ-тренер",langName:"Русский",signInTitle:"Тренируйтесь по плану, созданному для вас",signInLead:"Расскажите fitcoach о цели, уровне и инвентаре. Он составит план на несколько недель и проведёт каждую тренировку с видео.",demoTitle:"Попробовать сейчас",demoLead:"Создайте демо-пользователя на этом сервере — без регистрации.",demoName:"Имя (необязательно)",demoNameHint:"Латиница, цифры и _.@- ; пусто — случайное демо-имя.",demoButton:"Войти с демо-аккаунтом",demoUnavailable:"Демо-вход доступен, только когда сервер запущен как `fitcoach dev`. Вставьте токен.",tokenTitle:"Вход по токену",tokenLead:"Вставьте bearer-токен от провайдера входа (или из `fitcoach token`).",tokenLabel:"Bearer-токен",tokenButton:"Войти",tokenEmpty:"Сначала вставьте токен.",tokenRejected:"Токен не принят: ",signOut:"Выйти",signOutConfirm:"Выйти из fitcoach на этом устройстве?",sessionExpired:"Сессия истекла. Войдите снова.",navPlans:"Мои планы",navProfile:"Профиль",onboardTitle:"Расскажите о себе",onboardLead:"Несколько ответов — и fitcoach составит план. Изменить их можно в любой момент.",profileTitle:"Ваш профиль",profileLead:"Измените ответы; новые планы будут их учитывать.",goal:"Ваша цель",goalHint:"Своими словами, например «сбросить 5 кг и стать сильнее».",goalPlaceholder:"Стать сильнее и пробежать 5 км без остановки",fitnessLevel:"Уровень подготовки",FITNESS_LEVEL_BEGINNER:"Начинающий",FITNESS_LEVEL_INTERMEDIATE:"Средний",FITNESS_LEVEL_ADVANCED:"Продвинутый",FITNESS_LEVEL_BEGINNER_hint:"Только начинаю или возвращаюсь",FITNESS_LEVEL_INTERMEDIATE_hint:"Тренируюсь регулярно несколько месяцев",FITNESS_LEVEL_ADVANCED_hint:"Годы системных тренировок",equipment:"Ваш инвентарь",equipmentHint:"Упражнения с собственным весом есть всегда.",eq_dumbbell:"Гантели",eq_kettlebell:"Гиря",eq_barbell:"Штанга",eq_band:"Эспандер-лента",eq_machine:"Тренажёры",eq_pullup_bar:"Турник",eq_bench:"Скамья",daysPerWeek:"Дней в неделю",daysPerWeekHint:"От 2 до 6 тренировочных дней",durationWeeks:"Длительность плана, недель",durationWeeksHint:"От 4 до 12 недель",sessionMinutes:"Минут на тренировку",sessionMinutesHint:"От 15 до 180 минут",limitations:"Травмы и ограничения",limitationsHint:"Необязательно. План обойдёт то, что болит.",limitationsPlaceholder:"например, болит левое колено, без прыжков",archetype:"Ваш тренер",ARCHETYPE_MENTOR:"Наставник",ARCHETYPE_PROFESSIONAL:"Профессионал",ARCHETYPE_PEER:"Напарник",ARCHETYPE_MENTOR_hint:"Тёплый, терпеливый, объясняет зачем",ARCHETYPE_PROFESSIONAL_hint:"Точный, структурный, по делу",ARCHETYPE_PEER_hint:"Лёгкий, бодрый, тренируется рядом",locale:"Язык",saveProfile:"Сохранить и продолжить",saveChanges:"Сохранить изменения",saving:"Сохраняем…",saved:"Сохранено.",fixFields:"Исправьте отмеченные поля.",plansTitle:"Мои планы",noPlansTitle:"Всё готово для плана",noPlansLead:"fitcoach составит план по вашему профилю только из упражнений, которые может показать на видео.",generate:"Составить мой план",generateAnother:"Составить новый план",generating:"Составляем план…",generatingLead:"Подбираем упражнения, проверяем каждое правило, раскладываем недели. Это может занять до минуты.",weeksCount:"Недель: {n}",createdAt:"Создан {d}",open:"Открыть",week:"Неделя {n}",day:"День {n}",dayShort:"Д{n}",restDay:"День отдыха",restDayLead:"Восстановление: сон, прогулка, растяжка. Мышцы растут между тренировками.",exercisesCount:"Упражнений: {n}",setsReps:"{s} × {r}",rest:"отдых {t}",restSecondsLabel:"Отдых",done:"Выполнено",nextUp:"Следующая",howMade:"Как составлен план",provider:"Планировщик",provider_openai:"ИИ-модель",provider_builtin:"Встроенный планировщик",model:"Модель",attempts:"Попыток ИИ",substitutions:"Замены",substitutionsNone:"нет",substitutionLine:"Неделя {w}, день {d}: {from} → {to}",fallbackReason:"Причина запасного плана",promptVersion:"Версия промпта",generationTime:"Время составления",tokens:"Токены",notes:"Заметки тренера",backToPlan:"К плану",focus:"Фокус",confidenceTask:"Задание на уверенность",startWorkout:"Начать тренировку",restartWorkout:"Начать заново",starting:"Загружаем видео…",completedBadge:"Выполнено",completedOn:"Выполнено {d}",effortValue:"Нагрузка {n}/10",exercise:"Упражнение",sets:"Подходы",reps:"Повторы",time:"Время",nowPlaying:"Сейчас",upNext:"Далее",playlist:"Плейлист",clipOf:"Видео {i} из {n}",prev:"Назад",next:"Дальше",playlistEmpty:"Видео для этой тренировки сейчас нет — следуйте списку упражнений ниже.",missingClips:"Некоторых видео нет: {list}",finished:"Плейлист закончился. Отметьте тренировку ниже.",setProgress:"Подход {i} из {n}",setDone:"Подход {i}/{n} сделан",allSetsDone:"Все подходы сделаны",restTimer:"Таймер отдыха",restNow:"Отдых",skipRest:"Пропустить отдых",startRest:"Отдых {t}",restOver:"Отдых окончен — следующий подход!",kind_CLIP_KIND_INTRO:"Вступление",kind_CLIP_KIND_TECHNIQUE:"Техника",kind_CLIP_KIND_INSTRUCTION:"Инструкция",kind_CLIP_KIND_MISTAKE:"Частые ошибки",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Мотивация",kind_CLIP_KIND_REST_DAY:"День отдыха",kind_CLIP_KIND_CLOSING:"Завершение",videoError:"Видео не воспроизводится; переходим к следующему.",completeTitle:"Завершить тренировку",completeLead:"Отметьте, что сделали, — это поможет следующим тренировкам.",setsDone:"Сделано подходов",repsDone:"Повторов в подходах",repsDoneHint:"Через запятую, например 12, 10, 8",effort:"Насколько тяжело? (1–10)",effortLow:"Легко",effortHigh:"На пределе",effortRequired:"Выберите, насколько было тяжело, от 1 до 10.",workoutNotes:"Заметки",workoutNotesPlaceholder:"Как прошло? Что поменять?",complete:"Завершить тренировку",completing:"Сохраняем…",completedTitle:"Тренировка выполнена!",completedLead:"Отличная работа. Всё записано — до следующей тренировки.",editLog:"Изменить запись",block_warmup:"Разминка",block_main:"Основная часть",block_accessory:"Дополнительно",block_conditioning:"Кондиционная работа",block_cooldown:"Заминка",span_s:"{n} с",span_min:"{n} мин",span_min_s:"{m} мин {s} с",km:"{n} км",meters:"{n} м",rpe:"RPE {n}",rpeTitle:"Субъективная нагрузка, 1–10: насколько тяжело должно быть",rir_one:"{n} повтор в запасе",rir_other:"{n} повтора в запасе",rir_few:"{n} повтора в запасе",rir_many:"{n} повторов в запасе",rounds_one:"{n} раунд",rounds_few:"{n} раунда",rounds_many:"{n} раундов",rounds_other:"{n} раунда",intervals:"{rounds}: {work} работа / {recovery} восстановление",exercises_one:"{n} упражнение",exercises_few:"{n} упражнения",exercises_many:"{n} упражнений",exercises_other:"{n} упражнения",weeks_one:"{n} неделя",weeks_few:"{n} недели",weeks_many:"{n} недель",weeks_other:"{n} недели",roundsLabel:"Раунды",workLabel:"Работа",recoveryLabel:"Восстановление",distanceLabel:"Дистанция",effortTarget:"Нагрузка",roundsDone:"Сделано раундов",secondsDone:"Секунд в подходах",secondsDoneHint:"Через запятую, например 40, 35",minutesDone:"Минут",kmDone:"Дистанция, км (необязательно)",markDone:"Отметить выполненным",loggedTitle:"Записано",objectives:"Чего вы хотите добиться?",objectivesHint:"Сначала главное, затем ещё до двух. Если пусто — поймём из цели.",charCount:"{n}/{max}",queued:"Сохранено на этом устройстве. Отправим, когда появится связь.",nextExercise:"Следующее упражнение",holdNow:"Держим",holdDone:"Готово",startHold:"Старт {t}",resumed:"Продолжаем с того места, где вы остановились: отмеченные подходы и записи на месте.",offline:"Похоже, нет связи с интернетом. Проверьте подключение и попробуйте снова.",recoveryTitle:"День восстановления",recovery1:"Спокойная прогулка 20–30 минут",recovery2:"5–10 минут мягкой растяжки",recovery3:"7–9 часов сна и достаточно воды",recoveryVideo:"Видео дня отдыха",primary:"главное",makePrimary:"Сделать главным: {o}",OBJECTIVE_ENDURANCE:"Выносливость",OBJECTIVE_STRENGTH:"Сила",OBJECTIVE_HYPERTROPHY:"Мышечная масса",OBJECTIVE_FAT_LOSS:"Снижение веса",OBJECTIVE_MOBILITY:"Подвижность",OBJECTIVE_GENERAL_HEALTH:"Общее здоровье",injuries:"Что беречь",injuriesHint:"Упражнения, которые их нагружают, не попадут в план.",JOINT_KNEES:"Колени",JOINT_LOWER_BACK:"Поясница",JOINT_SHOULDERS:"Плечи",JOINT_WRISTS:"Запястья",JOINT_HIPS:"Тазобедренные суставы",JOINT_ANKLES:"Голеностопы",JOINT_NECK:"Шея",loading:"Загрузка…",retry:"Повторить",errorTitle:"Что-то пошло не так",notFound:"Не найдено",notFoundLead:"Такой страницы нет, или она не ваша.",home:"На главную",requestId:"запрос {id}",seconds:"{n} с",minutes:"{n} мин",minSec:"{m}:{s}",quoted:"«{s}»"},Pe={en:Re,ru:qt};let A="en";function de(s){A=s,document.documentElement.lang=s}function F(){return A}function oe(s){return s&&s.toLowerCase().startsWith("ru")?"ru":"en"}function r(s,e={}){return(Pe[A][s]??Re[s]??s).replace(/\{(\w+)\}/g,(n,i)=>i in e?String(e[i]):n)}function U(s,e,t={}){const n=new Intl.PluralRules(A==="ru"?"ru-RU":"en-US").select(e),i=Pe[A],a=i[`${s}_${n}`]??i[`${s}_other`]??Re[`${s}_other`]??s,l={n:e,...t};return a.replace(/\{(\w+)\}/g,(c,u)=>u in l?String(l[u]):c)}function k(s,e=s){return Pe[A][s]??e}function De(s){if(!s)return"";const e=new Date(s);return Number.isNaN(e.getTime())?"":e.toLocaleDateString(A==="ru"?"ru-RU":"en-GB",{day:"numeric",month:"short",year:"numeric"})}function Qe(s){if(s<60)return r("seconds",{n:s});const e=Math.floor(s/60),t=s%60;return t===0?r("minutes",{n:e}):r("minSec",{m:e,s:String(t).padStart(2,"0")})}const Bt=[[/^(?:value )?must be greater than or equal to (-?[\d.]+) and less than or equal to (-?[\d.]+)$/,"значение должно быть от $1 до $2"],[/^(?:value )?must be greater than or equal to (-?[\d.]+)$/,"значение должно быть не меньше $1"],[/^(?:value )?must be less than or equal to (-?[\d.]+)$/,"значение должно быть не больше $1"],[/^(?:value )?must be greater than (-?[\d.]+)$/,"значение должно быть больше $1"],[/^(?:value )?must be less than (-?[\d.]+)$/,"значение должно быть меньше $1"],[/^(?:value )?(?:length )?must be at least (\d+) characters?$/,"не короче $1 символов"],[/^(?:value )?(?:length )?must be at most (\d+) characters?$/,"не длиннее $1 символов"],[/^(?:value )?must contain at most (\d+) items?$/,"не больше $1 элементов"],[/^(?:value )?must be in list \[(.*)\]$/,"допустимые значения: $1"],[/^(?:value )?must be one of the defined enum values$/,"выберите один из вариантов"],[/^(?:value )?must not be in list \[.*\]$/,"выберите один из вариантов"],[/^(?:value )?is required$/,"обязательное поле"],[/^repeated value must contain unique items$/,"значения не должны повторяться"],[/^(?:value )?does not match regex pattern .*$/,"недопустимые символы"],[/^1-64 letters, digits or _\.@-$/,"от 1 до 64 латинских букв, цифр или символов _.@-"]];function Oe(s){if(A!=="ru")return s;for(const[e,t]of Bt)if(e.test(s))return s.replace(e,t);return s}const Me="fitcoach.token",He="fitcoach.locale",m={token:"",sub:"",profile:null,names:new Map,done:new Map,flash:""};let vt=()=>{},bt=()=>{};function jt(s,e){vt=s,bt=e}function $(){vt()}function V(s,e=!1){bt(s,e)}function yt(s){try{const e=s.split(".")[1]??"",t=atob(e.replace(/-/g,"+").replace(/_/g,"/").padEnd(Math.ceil(e.length/4)*4,"="));return JSON.parse(t).sub??""}catch{return""}}function pe(s){m.token=s.trim(),m.sub=yt(m.token),m.profile=null,m.done.clear(),Le(m.token),localStorage.setItem(Me,m.token)}function qe(s=""){m.token="",m.sub="",m.profile=null,m.done.clear(),m.flash=s,Le(""),localStorage.removeItem(Me),V("/signin",!0)}function Vt(){const s=localStorage.getItem(He);de(oe(s??navigator.language));const e=localStorage.getItem(Me);e&&(m.token=e,m.sub=yt(e),Le(e))}function Xe(s){de(s),localStorage.setItem(He,s),$()}function kt(s){m.profile=s,de(oe(s.locale)),localStorage.setItem(He,F())}let fe=!1;function Wt(){fe||m.names.size>0||(fe=!0,_.listExercises().then(s=>{for(const e of s.exercises??[])e.name&&(m.names.set(e.slug.toLowerCase(),e.name),e.code&&m.names.set(e.code.toLowerCase(),e.name));$()}).catch(()=>{}).finally(()=>{fe=!1}))}function S(s,e=""){const t=m.names.get(s.toLowerCase()),n=t?F()==="ru"?t.ru||t.en:t.en||t.ru:"";if(n)return n;if(e)return e;const i=s.replace(/[-_]+/g," ").trim();return i.charAt(0).toUpperCase()+i.slice(1)}function D(s){return s instanceof E&&s.status===401?(qe(r("sessionExpired")),!0):!1}function te(s){return s instanceof E&&s.status===0?r("offline"):s instanceof E?s.message||s.code:s instanceof Error?s.message:String(s)}function O(s,e){const t=s instanceof E&&s.requestId?s.requestId:"";return o`<div class="alert alert-error" role="alert" data-testid="error">
    <div>
      <strong>${r("errorTitle")}</strong>
      <div>${te(s)}</div>
      ${t?o`<div class="muted small">${r("requestId",{id:t})}</div>`:d}
    </div>
    ${e?o`<button class="btn btn-ghost" @click=${e}>${r("retry")}</button>`:d}
  </div>`}function ce(s=r("loading")){return o`<div class="loading" role="status"><span class="spin" aria-hidden="true"></span>${s}</div>`}function Ft(){const s=new Uint8Array(16);return crypto.getRandomValues(s),"web-"+Array.from(s,e=>e.toString(16).padStart(2,"0")).join("")}function Y(s,e,t){return`${s}/${e}/${t}`}const Ee="fitcoach.outbox",Ut=1e4;let Ze=0,me=!1,Et=()=>{};function M(){try{const s=JSON.parse(localStorage.getItem(Ee)??"[]");return Array.isArray(s)?s:[]}catch{return[]}}function Be(s){s.length?localStorage.setItem(Ee,JSON.stringify(s)):localStorage.removeItem(Ee)}const wt=(s,e)=>s.planId===e.planId&&s.week===e.week&&s.day===e.day;function Kt(s){Be([...M().filter(e=>!wt(e,s)),s]),_t()}function Jt(s,e,t){Be(M().filter(n=>!(n.planId===s&&n.week===e&&n.day===t)))}function et(s,e,t){return M().find(n=>n.planId===s&&n.week===e&&n.day===t)}async function we(){if(!me){me=!0;try{for(const s of M()){let e=!1;try{await _.completeWorkout(s.planId,s.week,s.day,s.body),e=!0}catch(t){if(!(t instanceof E)||t.status===0||t.status===401||t.status>=500)break}Be(M().filter(t=>!wt(t,s))),e&&Et(s)}}finally{me=!1,M().length&&_t()}}}function _t(){window.clearTimeout(Ze),Ze=window.setTimeout(()=>{we()},Ut)}function Yt(s){Et=s,window.addEventListener("online",()=>{we()}),M().length&&we()}class Gt{name="";token="";busy="";demoError="";tokenError="";flash;constructor(){this.flash=m.flash,m.flash=""}async demo(e){e.preventDefault(),this.busy="demo",this.demoError="",$();try{const t=await _.devToken(this.name.trim()||void 0);pe(t.token),V("/",!0)}catch(t){t instanceof E&&(t.status===404||t.status===405)?this.demoError=r("demoUnavailable"):t instanceof E&&t.violations.length?this.demoError=[...Ce(t.violations,[],Oe).values()].flat().join(" "):this.demoError=te(t)}finally{this.busy="",$()}}async useToken(e){e.preventDefault();const t=this.token.trim().replace(/^Bearer\s+/i,"");if(!t){this.tokenError=r("tokenEmpty"),$();return}this.busy="token",this.tokenError="",$(),pe(t);try{await _.getProfile(),V("/",!0)}catch(n){n instanceof E&&n.status===404?V("/onboarding",!0):(this.tokenError=r("tokenRejected")+te(n),pe(""),localStorage.removeItem("fitcoach.token"))}finally{this.busy="",$()}}render(){return o`
      <section class="hero">
        <h1>${r("signInTitle")}</h1>
        <p class="lead">${r("signInLead")}</p>
      </section>
      ${this.flash?o`<div class="alert alert-info" role="status">${this.flash}</div>`:d}
      <div class="grid-2">
        <form class="card card-accent" @submit=${e=>this.demo(e)} data-testid="demo-form">
          <h2>${r("demoTitle")}</h2>
          <p class="muted">${r("demoLead")}</p>
          <label class="field">
            <span class="label">${r("demoName")}</span>
            <input
              type="text"
              autocomplete="nickname"
              maxlength="64"
              .value=${this.name}
              @input=${e=>this.name=e.target.value}
              data-testid="demo-name"
            />
            <span class="hint">${r("demoNameHint")}</span>
          </label>
          ${this.demoError?o`<p class="field-error" role="alert">${this.demoError}</p>`:d}
          <button class="btn btn-primary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="demo-signin">
            ${this.busy==="demo"?o`<span class="spin" aria-hidden="true"></span>`:d}${r("demoButton")}
          </button>
        </form>
        <form class="card" @submit=${e=>this.useToken(e)} data-testid="token-form">
          <h2>${r("tokenTitle")}</h2>
          <p class="muted">${r("tokenLead")}</p>
          <label class="field">
            <span class="label">${r("tokenLabel")}</span>
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
          ${this.tokenError?o`<p class="field-error" role="alert">${this.tokenError}</p>`:d}
          <button class="btn btn-secondary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="token-signin">
            ${this.busy==="token"?o`<span class="spin" aria-hidden="true"></span>`:d}${r("tokenButton")}
          </button>
        </form>
      </div>
    `}}const zt={compass:w`<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5z"/>`,clipboard:w`<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4h6v3H9zM8.5 11h7M8.5 14.5h7M8.5 18h4"/>`,users:w`<circle cx="9" cy="8" r="3.2"/><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6"/><circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c2.8.2 5 2.6 5 5.8"/>`,play:w`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke="none"/>`,target:w`<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4.5"/><circle cx="12" cy="12" r="1" fill="currentColor"/>`,list:w`<path d="M9 6.5h11M9 12h11M9 17.5h11"/><circle cx="4.5" cy="6.5" r="1" fill="currentColor"/><circle cx="4.5" cy="12" r="1" fill="currentColor"/><circle cx="4.5" cy="17.5" r="1" fill="currentColor"/>`,alert:w`<path d="M12 3.5 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17v.2"/>`,flame:w`<path d="M12 21c-3.9 0-6.5-2.6-6.5-6.1 0-3.9 3.4-5.6 3.9-9.4 2.4 1.4 3.5 3.7 3.3 6 1-.5 1.8-1.5 2-2.8 2 1.6 3.3 3.8 3.3 6.3C18 18.4 15.7 21 12 21z"/>`,moon:w`<path d="M19.5 14.5A7.8 7.8 0 0 1 9.5 4.5a7.8 7.8 0 1 0 10 10z"/>`,flag:w`<path d="M5.5 21V4M5.5 4.5h11l-2 4 2 4h-11"/>`,hand:w`<path d="M7 11V6.5a1.5 1.5 0 0 1 3 0V11M10 10V5a1.5 1.5 0 0 1 3 0v5M13 10V6a1.5 1.5 0 0 1 3 0v6"/><path d="M16 9.5a1.5 1.5 0 0 1 3 0V14c0 4-2.7 7-6.5 7S6 18.5 5 15.5l-1.3-3.4a1.5 1.5 0 0 1 2.7-1.2L7 12"/>`,bolt:w`<path d="M13 2.5 4.5 13.5H11l-1 8 8.5-11H12z"/>`,prev:w`<path d="M6.5 5.5v13M18 5.5v13L8.5 12z"/>`,next:w`<path d="M17.5 5.5v13M6 5.5v13l9.5-6.5z"/>`,timer:w`<circle cx="12" cy="13.5" r="7.5"/><path d="M12 13.5V9.5M9.5 2.5h5M19 6.5l-1.5 1.5"/>`,check:w`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,volume:w`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"/>`};function y(s,e=20,t=""){return o`<svg
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
    ${zt[s]}
  </svg>`}const tt=["FITNESS_LEVEL_BEGINNER","FITNESS_LEVEL_INTERMEDIATE","FITNESS_LEVEL_ADVANCED"],st=["ARCHETYPE_MENTOR","ARCHETYPE_PROFESSIONAL","ARCHETYPE_PEER"],it=["OBJECTIVE_ENDURANCE","OBJECTIVE_STRENGTH","OBJECTIVE_HYPERTROPHY","OBJECTIVE_FAT_LOSS","OBJECTIVE_MOBILITY","OBJECTIVE_GENERAL_HEALTH"],nt=3,$e=["JOINT_KNEES","JOINT_LOWER_BACK","JOINT_SHOULDERS","JOINT_WRISTS","JOINT_HIPS","JOINT_ANKLES","JOINT_NECK"],rt=300,ot=500,Qt=["dumbbell","kettlebell","barbell","band","machine","pullup_bar","bench"],Xt={ARCHETYPE_MENTOR:"compass",ARCHETYPE_PROFESSIONAL:"clipboard",ARCHETYPE_PEER:"users"},ge="fitcoach.onboarding";function ie(s){const e=Number.parseInt(s.trim(),10);return Number.isFinite(e)?e:0}class at{constructor(e){this.onboarding=e;const t=m.profile;if(this.form=t?{goal:t.goal,fitnessLevel:tt.includes(t.fitnessLevel)?t.fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[...t.equipment??[]],daysPerWeek:String(t.daysPerWeek),durationWeeks:String(t.durationWeeks),sessionMinutes:String(t.sessionMinutes),limitations:t.limitations,archetype:st.includes(t.archetype)?t.archetype:"ARCHETYPE_MENTOR",locale:oe(t.locale),objectives:(t.objectives??[]).filter(n=>it.includes(n)),injuries:(t.injuries??[]).filter(n=>$e.includes(n))}:{goal:"",fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[],daysPerWeek:"3",durationWeeks:"8",sessionMinutes:"45",limitations:"",archetype:"ARCHETYPE_MENTOR",locale:F(),objectives:[],injuries:[]},e)try{const n=JSON.parse(sessionStorage.getItem(ge)??"null");n&&(this.form={...this.form,...n})}catch{}}onboarding;form;errors=new Map;formError="";saving=!1;savedNote=!1;localeTouched=!1;set(e,t){this.form[e]=t,this.onboarding&&sessionStorage.setItem(ge,JSON.stringify(this.form)),this.savedNote=!1,this.errors.delete(e)&&(this.formError=this.errors.size?this.formError:""),e==="locale"&&(this.localeTouched=!0,this.onboarding&&de(oe(t))),$()}toggleEquipment(e){const t=this.form.equipment.includes(e);this.set("equipment",t?this.form.equipment.filter(n=>n!==e):[...this.form.equipment,e])}toggleObjective(e){const t=this.form.objectives;t.includes(e)?this.set("objectives",t.filter(n=>n!==e)):t.length<nt&&this.set("objectives",[...t,e])}makePrimary(e){this.set("objectives",[e,...this.form.objectives.filter(t=>t!==e)])}toggleInjury(e,t){const n=this.form.injuries.filter(i=>i!==e);this.set("injuries",t?$e.filter(i=>i===e||n.includes(i)):n)}async submit(e){e.preventDefault();const t=this.form,n={goal:t.goal.trim(),fitnessLevel:t.fitnessLevel,equipment:t.equipment,daysPerWeek:ie(t.daysPerWeek),durationWeeks:ie(t.durationWeeks),sessionMinutes:ie(t.sessionMinutes),limitations:t.limitations.trim(),archetype:t.archetype,locale:t.locale,objectives:t.objectives,injuries:t.injuries};this.saving=!0,this.errors=new Map,this.formError="",$();try{const i=await _.putProfile(n);if(kt(i.profile),this.onboarding){sessionStorage.removeItem(ge),V("/",!0);return}this.savedNote=!0}catch(i){if(D(i))return;if(i instanceof E&&i.violations.length){this.errors=Ce(i.violations,["profile"],Oe);const a=new Set(Object.keys(t)),l=[...this.errors.entries()].filter(([c])=>!a.has(c.split(".")[0]));this.formError=[r("fixFields"),...l.map(([c,u])=>`${c}: ${u.join(" ")}`)].join(" ")}else this.formError=te(i)}finally{this.saving=!1,$(),this.errors.size&&requestAnimationFrame(()=>document.querySelector(".has-error input, .has-error textarea, .has-error button")?.focus())}}fieldErrors(e){const t=[];for(const[n,i]of this.errors)(n===e||n.startsWith(e+"."))&&t.push(...i);return t}field(e,t,n,i,a=0){const l=this.fieldErrors(e),c=a?[...String(this.form[e])].length:0;return o`<div class="field ${l.length?"has-error":""}" data-field=${e}>
      <label class="label" for="f-${e}">${r(t)}</label>
      ${n}
      ${i||a?o`<div class="hint-row">
            ${i?o`<span class="hint" id="f-${e}-hint">${r(i)}</span>`:d}
            ${a?o`<span class="counter ${c>=a?"full":""}" aria-live="polite" data-testid="count-${e}">${r("charCount",{n:c,max:a})}</span>`:d}
          </div>`:d}
      ${l.map(u=>o`<p class="field-error" role="alert" data-testid="error-${e}">${u}</p>`)}
    </div>`}numberInput(e,t,n,i=1){const a=this.form[e],l=c=>this.set(e,String(Math.min(n,Math.max(t,ie(a)+c))));return o`<div class="stepper">
      <button type="button" class="step" aria-label="−" @click=${()=>l(-i)}>−</button>
      <input
        id="f-${e}"
        name=${e}
        type="number"
        inputmode="numeric"
        min=${t}
        max=${n}
        step=${i}
        .value=${a}
        @input=${c=>this.set(e,c.target.value)}
        data-testid="input-${e}"
      />
      <button type="button" class="step" aria-label="+" @click=${()=>l(i)}>+</button>
    </div>`}objectivesControl(){const e=this.form.objectives;return o`<div class="chips objectives" id="f-objectives" role="group" aria-describedby="f-objectives-hint">
      ${it.map(t=>{const n=e.indexOf(t),i=n<0&&e.length>=nt;return o`<button
          type="button"
          class="chip ${n>=0?"on":""} ${n===0?"primary":""}"
          aria-pressed=${n>=0}
          ?disabled=${i}
          @click=${()=>this.toggleObjective(t)}
          data-testid="objective-${t}"
        >
          ${n>=0?o`<span class="chip-rank" aria-hidden="true">${n+1}</span>`:d}${k(t)}${n===0?o` <span class="chip-primary" data-testid="objective-primary">· ${r("primary")}</span>`:d}
        </button>`})}
      ${e.length>1?o`<span class="chip-actions">
            ${e.slice(1).map(t=>o`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>this.makePrimary(t)} data-testid="primary-${t}">
                ★ ${r("makePrimary",{o:k(t)})}
              </button>`)}
          </span>`:d}
    </div>`}injuriesControl(){return o`<div class="checks" id="f-injuries" role="group">
      ${$e.map(e=>o`<label class="check">
          <input
            type="checkbox"
            .checked=${this.form.injuries.includes(e)}
            @change=${t=>this.toggleInjury(e,t.target.checked)}
            data-testid="injury-${e}"
          />
          <span>${k(e)}</span>
        </label>`)}
    </div>`}render(){const e=this.form;return this.onboarding&&!this.localeTouched&&(e.locale=F()),o`
      <section class="hero hero-sm">
        <h1>${this.onboarding?r("onboardTitle"):r("profileTitle")}</h1>
        <p class="lead">${this.onboarding?r("onboardLead"):r("profileLead")}</p>
      </section>
      <form class="card form" novalidate @submit=${t=>this.submit(t)} data-testid="profile-form">
        ${this.field("goal","goal",o`<textarea
            id="f-goal"
            name="goal"
            rows="2"
            maxlength=${rt}
            placeholder=${r("goalPlaceholder")}
            .value=${e.goal}
            @input=${t=>this.set("goal",t.target.value)}
            data-testid="input-goal"
          ></textarea>`,"goalHint",rt)}
        ${this.field("objectives","objectives",this.objectivesControl(),"objectivesHint")}
        ${this.field("fitnessLevel","fitnessLevel",o`<div class="choices choices-3" role="radiogroup" id="f-fitnessLevel">
            ${tt.map(t=>o`<button
                type="button"
                role="radio"
                aria-checked=${e.fitnessLevel===t}
                class="choice ${e.fitnessLevel===t?"on":""}"
                @click=${()=>this.set("fitnessLevel",t)}
                data-testid="level-${t}"
              >
                <strong>${k(t)}</strong><span>${k(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("equipment","equipment",o`<div class="chips" id="f-equipment" role="group">
            ${Qt.map(t=>o`<button
                type="button"
                class="chip ${e.equipment.includes(t)?"on":""}"
                aria-pressed=${e.equipment.includes(t)}
                @click=${()=>this.toggleEquipment(t)}
                data-testid="equipment-${t}"
              >
                ${e.equipment.includes(t)?"✓ ":""}${k("eq_"+t,t)}
              </button>`)}
          </div>`,"equipmentHint")}
        <div class="row-3">
          ${this.field("daysPerWeek","daysPerWeek",this.numberInput("daysPerWeek",2,6),"daysPerWeekHint")}
          ${this.field("durationWeeks","durationWeeks",this.numberInput("durationWeeks",4,12),"durationWeeksHint")}
          ${this.field("sessionMinutes","sessionMinutes",this.numberInput("sessionMinutes",15,180,5),"sessionMinutesHint")}
        </div>
        ${this.field("limitations","limitations",o`<textarea
            id="f-limitations"
            name="limitations"
            rows="2"
            maxlength=${ot}
            placeholder=${r("limitationsPlaceholder")}
            .value=${e.limitations}
            @input=${t=>this.set("limitations",t.target.value)}
            data-testid="input-limitations"
          ></textarea>`,"limitationsHint",ot)}
        ${this.field("injuries","injuries",this.injuriesControl(),"injuriesHint")}
        ${this.field("archetype","archetype",o`<div class="choices choices-3" role="radiogroup" id="f-archetype">
            ${st.map(t=>o`<button
                type="button"
                role="radio"
                aria-checked=${e.archetype===t}
                class="choice ${e.archetype===t?"on":""}"
                @click=${()=>this.set("archetype",t)}
                data-testid="archetype-${t}"
              >
                <span class="choice-icon">${y(Xt[t],26)}</span>
                <strong>${k(t)}</strong><span>${k(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("locale","locale",o`<div class="segmented" role="radiogroup" id="f-locale">
            ${["en","ru"].map(t=>o`<button
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
        ${this.formError?o`<div class="alert alert-error" role="alert" data-testid="form-error">${this.formError}</div>`:d}
        ${this.savedNote?o`<div class="alert alert-ok" role="status">${r("saved")}</div>`:d}
        <div class="actions">
          <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.saving} data-testid="save-profile">
            ${this.saving?o`<span class="spin" aria-hidden="true"></span>${r("saving")}`:this.onboarding?r("saveProfile"):r("saveChanges")}
          </button>
        </div>
      </form>
    `}}class Zt{plans=null;loadError=null;generating=!1;genError=null;requestId="";constructor(){this.load()}async load(){this.loadError=null;try{const e=await _.listPlans();this.plans=e.plans??[]}catch(e){if(D(e))return;this.loadError=e}$()}async generate(){this.requestId||(this.requestId=Ft()),this.generating=!0,this.genError=null,$();try{const e=await _.createPlan(this.requestId);this.requestId="",V(`/plans/${encodeURIComponent(e.plan.id)}`)}catch(e){if(D(e))return;this.genError=e,this.generating=!1,$()}}generatingCard(){return o`<div class="card generating" role="status" data-testid="generating">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h2>${r("generating")}</h2>
      <p class="muted">${r("generatingLead")}</p>
    </div>`}render(){if(this.loadError)return O(this.loadError,()=>{this.load()});if(!this.plans)return ce();const e=m.profile;return this.plans.length===0?o`
        <section class="hero">
          <h1>${r("noPlansTitle")}</h1>
          <p class="lead">${r("noPlansLead")}</p>
        </section>
        ${e?o`<div class="card summary">
              <div class="summary-goal">${r("quoted",{s:e.goal})}</div>
              <ul class="facts">
                <li>${k(e.fitnessLevel)}</li>
                <li>${r("daysPerWeek")}: <strong>${e.daysPerWeek}</strong></li>
                <li>${U("weeks",e.durationWeeks)}</li>
                <li>${r("minutes",{n:e.sessionMinutes})}</li>
                <li>${r("archetype")}: <strong>${k(e.archetype)}</strong></li>
              </ul>
            </div>`:d}
        ${this.genError?O(this.genError,()=>{this.generate()}):d}
        ${this.generating?this.generatingCard():o`<div class="actions actions-center">
              <button class="btn btn-cta btn-lg" @click=${()=>this.generate()} data-testid="generate">${r("generate")}</button>
            </div>`}
      `:o`
      <div class="page-head">
        <h1>${r("plansTitle")}</h1>
        ${this.generating?d:o`<button class="btn btn-primary" @click=${()=>this.generate()} data-testid="generate">${r("generateAnother")}</button>`}
      </div>
      ${this.genError?O(this.genError,()=>{this.generate()}):d}
      ${this.generating?this.generatingCard():d}
      <ul class="plan-list">
        ${this.plans.map(t=>o`<li>
            <a class="card plan-card" href="/plans/${encodeURIComponent(t.id)}" data-nav data-testid="plan-link">
              <div class="plan-card-main">
                <h2>${t.planName}</h2>
                <p class="muted">${t.goal}</p>
              </div>
              <div class="plan-card-meta">
                <span class="badge">${U("weeks",t.durationWeeks)}</span>
                <span class="badge badge-soft">${k("provider_"+t.provider,t.provider)}</span>
                ${t.createTime?o`<span class="muted small">${r("createdAt",{d:De(t.createTime)})}</span>`:d}
              </div>
              <span class="chev" aria-hidden="true">›</span>
            </a>
          </li>`)}
      </ul>
    `}}const Tt=["warmup","main","accessory","conditioning","cooldown"],b=s=>typeof s=="number"&&Number.isFinite(s)?s:0;function C(s){if(b(s.rounds)>0&&b(s.workSeconds)>0)return"intervals";switch(s.measurement){case"MEASUREMENT_DISTANCE":return"cardio";case"MEASUREMENT_TIME":return"time";case"MEASUREMENT_REPS":return s.reps||!b(s.durationSeconds)?"reps":"time"}return s.reps?"reps":b(s.durationSeconds)>0?b(s.sets)>0?"time":"cardio":"reps"}function es(s){const e=(s.block??"").toLowerCase();return Tt.includes(e)?e:"main"}function It(s){return Tt.map(e=>({block:e,items:s.map((t,n)=>({e:t,i:n})).filter(({e:t})=>es(t)===e)})).filter(e=>e.items.length>0)}function _e(s){return s.some(e=>!!e.block)}function G(s){if(s<60)return r("span_s",{n:s});const e=Math.floor(s/60),t=s%60;return t===0?r("span_min",{n:e}):r("span_min_s",{m:e,s:t})}function P(s){return s>=120&&s%60===0?r("span_min",{n:s/60}):r("span_s",{n:s})}function Te(s){return s<120?r("span_s",{n:s}):G(s)}function Ie(s){if(s<1e3)return r("meters",{n:s});const e=Math.round(s/100)/10;return r("km",{n:e.toLocaleString(document.documentElement.lang==="ru"?"ru-RU":"en-US")})}function Se(s){return(s??"").replace("-","–")}function J(s){const e=C(s);return e==="cardio"||e==="intervals"?1:Math.max(1,b(s.sets))}function z(s){const e=b(s.sets);switch(C(s)){case"intervals":return r("intervals",{rounds:U("rounds",b(s.rounds)),work:P(b(s.workSeconds)),recovery:P(b(s.recoverySeconds))});case"cardio":{const t=[];return b(s.durationSeconds)>0&&t.push(G(b(s.durationSeconds))),b(s.distanceMeters)>0&&t.push(Ie(b(s.distanceMeters))),t.join(" · ")}case"time":{const t=Te(b(s.durationSeconds));return e>1?r("setsReps",{s:e,r:t}):t}default:return e>0&&s.reps?r("setsReps",{s:e,r:Se(s.reps)}):Se(s.reps)||(e>0?String(e):"")}}function je(s){return b(s.restSeconds)>0?r("rest",{t:P(b(s.restSeconds))}):""}function B(s){return b(s.targetRpe)>0?r("rpe",{n:b(s.targetRpe)}):b(s.targetRir)>0?U("rir",b(s.targetRir)):""}function lt(s){return[z(s),je(s),B(s)].filter(Boolean).join(", ")}class ts{constructor(e,t){this.id=e,this.week=t,this.load()}id;week;plan=null;error=null;checked=new Set;async load(){this.error=null;try{this.plan=(await _.getPlan(this.id)).plan,(this.week<1||this.week>this.plan.weeks.length)&&(this.week=1),this.checkDone(this.week)}catch(e){if(D(e))return;this.error=e}$()}async checkDone(e){if(!this.plan||this.checked.has(e))return;this.checked.add(e);const t=this.plan.weeks.find(n=>n.weekNumber===e);t&&(await Promise.all(t.days.filter(n=>!n.isRestDay).map(async n=>{try{const i=(await _.getWorkout(this.id,e,n.dayNumber)).workout;m.done.set(Y(this.id,e,n.dayNumber),!!i.log?.completeTime||!!i.log?.perceivedEffort)}catch{}})),$())}selectWeek(e){this.week=e,history.replaceState(null,"",`/plans/${encodeURIComponent(this.id)}?week=${e}`),this.checkDone(e),$()}dayCard(e,t){const n=m.done.get(Y(this.id,this.week,e.dayNumber)),i=`/plans/${encodeURIComponent(this.id)}/weeks/${this.week}/days/${e.dayNumber}`;return o`<a
      class="card day-card ${e.isRestDay?"is-rest":""} ${n?"is-done":""} ${t?"is-next":""}"
      href=${i}
      data-nav
      data-testid="day-${e.dayNumber}"
    >
      <div class="day-head">
        <span class="day-num">${r("day",{n:e.dayNumber})}</span>
        ${e.isRestDay?o`<span class="badge badge-rest">${y("moon",14)} ${r("restDay")}</span>`:d}
        ${n?o`<span class="badge badge-done" data-testid="day-done">✓ ${r("done")}</span>`:d}
        ${t?o`<span class="badge badge-next" data-testid="day-next">${y("play",12)} ${r("nextUp")}</span>`:d}
      </div>
      <h3>${e.workoutName}</h3>
      ${e.isRestDay?o`<p class="muted small">${r("restDayLead")}</p>`:It(e.exercises).map(a=>o`${_e(e.exercises)?o`<div class="ex-block-label" data-testid="plan-block-${a.block}">${k("block_"+a.block)}</div>`:d}
              <ul class="ex-list">
                ${a.items.map(({e:l})=>o`<li>
                    <span class="ex-name">${S(l.exerciseSlug)}</span>
                    <span class="ex-dose">
                      <span class="dose">${z(l)}</span>
                      <span class="rest">${[je(l),B(l)].filter(Boolean).join(", ")}</span>
                    </span>
                  </li>`)}
              </ul>`)}
      <span class="day-open" aria-hidden="true">›</span>
    </a>`}provenance(e){const t=e.usage,n=t?ze(t.totalTokens):0;return o`<details class="card provenance" data-testid="provenance">
      <summary><h2>${r("howMade")}</h2></summary>
      <dl class="kv">
        <div><dt>${r("provider")}</dt><dd data-testid="prov-provider">${k("provider_"+e.provider,e.provider||"—")}</dd></div>
        ${e.model?o`<div><dt>${r("model")}</dt><dd>${e.model}</dd></div>`:d}
        <div><dt>${r("attempts")}</dt><dd>${e.attempts}</dd></div>
        <div>
          <dt>${r("substitutions")}</dt>
          <dd>
            ${e.substitutionCount||(e.substitutions??[]).length||r("substitutionsNone")}
            ${(e.substitutions??[]).length?o`<ul class="subs">
                  ${e.substitutions.slice(0,12).map(i=>o`<li>
                        ${r("substitutionLine",{w:i.week,d:i.day,from:S(i.fromSlug),to:S(i.toSlug)})}
                      </li>`)}
                  ${e.substitutions.length>12?o`<li>…</li>`:d}
                </ul>`:d}
          </dd>
        </div>
        ${e.fallbackReason?o`<div class="wide"><dt>${r("fallbackReason")}</dt><dd data-testid="prov-fallback">${e.fallbackReason}</dd></div>`:d}
        ${e.promptVersion?o`<div><dt>${r("promptVersion")}</dt><dd>${e.promptVersion}</dd></div>`:d}
        <div><dt>${r("generationTime")}</dt><dd>${ze(e.generationMs)} ms</dd></div>
        ${n?o`<div><dt>${r("tokens")}</dt><dd>${n}</dd></div>`:d}
      </dl>
    </details>`}render(){if(this.error)return this.error instanceof E&&this.error.status===404?o`<div class="card empty" data-testid="not-found"><h1>${r("notFound")}</h1><p class="muted">${r("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${r("home")}</a></div>`:O(this.error,()=>{this.load()});const e=this.plan;if(!e)return ce();const t=e.weeks.find(i=>i.weekNumber===this.week)??e.weeks[0],n=t.days.find(i=>!i.isRestDay&&m.done.get(Y(this.id,t.weekNumber,i.dayNumber))===!1)?.dayNumber;return o`
      <section class="plan-hero">
        <div class="plan-hero-text">
          <h1 data-testid="plan-name">${e.planName}</h1>
          <p class="lead">${e.goal}</p>
          <div class="meta-row">
            <span class="badge">${U("weeks",e.durationWeeks)}</span>
            <span class="badge badge-soft">${k(e.archetype)}</span>
            ${e.createTime?o`<span class="muted small">${r("createdAt",{d:De(e.createTime)})}</span>`:d}
          </div>
          ${e.notes?o`<p class="notes"><strong>${r("notes")}:</strong> ${e.notes}</p>`:d}
        </div>
        ${this.provenance(e)}
      </section>
      <nav class="weeks" aria-label="Weeks" data-testid="weeks">
        ${e.weeks.map(i=>o`<button
            class="week-tab ${i.weekNumber===t.weekNumber?"on":""}"
            aria-current=${i.weekNumber===t.weekNumber?"true":"false"}
            @click=${()=>this.selectWeek(i.weekNumber)}
            data-testid="week-${i.weekNumber}"
          >
            ${r("week",{n:i.weekNumber})}
          </button>`)}
      </nav>
      ${t.weekFocus?o`<p class="week-focus"><span class="label-inline">${r("focus")}:</span> ${t.weekFocus}</p>`:d}
      <div class="days">${t.days.map(i=>this.dayCard(i,i.dayNumber===n))}</div>
    `}}const ss="modulepreload",is=function(s){return"/"+s},dt={},ns=function(e,t,n){let i=Promise.resolve();if(t&&t.length>0){let p=function(f){return Promise.all(f.map(h=>Promise.resolve(h).then(v=>({status:"fulfilled",value:v}),v=>({status:"rejected",reason:v}))))};var l=p;document.getElementsByTagName("link");const c=document.querySelector("meta[property=csp-nonce]"),u=c?.nonce||c?.getAttribute("nonce");i=p(t.map(f=>{if(f=is(f),f in dt)return;dt[f]=!0;const h=f.endsWith(".css"),v=h?'[rel="stylesheet"]':"";if(document.querySelector(`link[href="${f}"]${v}`))return;const g=document.createElement("link");if(g.rel=h?"stylesheet":ss,h||(g.as="script"),g.crossOrigin="",g.href=f,u&&g.setAttribute("nonce",u),document.head.appendChild(g),h)return new Promise((T,q)=>{g.addEventListener("load",T),g.addEventListener("error",()=>q(new Error(`Unable to preload CSS for ${f}`)))})}))}function a(c){const u=new Event("vite:preloadError",{cancelable:!0});if(u.payload=c,window.dispatchEvent(u),!u.defaultPrevented)throw c}return i.then(c=>{for(const u of c||[])u.status==="rejected"&&a(u.reason);return e().catch(a)})},rs="application/vnd.apple.mpegurl";function os(s){try{return new URL(s.url,location.href).pathname.endsWith(".m3u8")}catch{return s.url.includes(".m3u8")}}class as{constructor(e,t,n){this.items=e,this.onChange=t,this.refresh=n;const i=document.createElement("video");i.playsInline=!0,i.controls=!0,i.preload="auto",i.className="video",i.setAttribute("playsinline",""),i.setAttribute("data-testid","video"),i.addEventListener("ended",()=>this.advance()),i.addEventListener("error",()=>{this.onError()}),i.addEventListener("play",()=>this.onChange()),i.addEventListener("pause",()=>this.onChange()),this.video=i}items;onChange;refresh;video;index=0;finished=!1;mutedByPolicy=!1;failed=-1;hls=null;refreshedAt=-1;skipTimer=0;loadSeq=0;get current(){return this.items[this.index]}async load(e,t=!0){if(e<0||e>=this.items.length)return;const n=++this.loadSeq;window.clearTimeout(this.skipTimer),this.index=e,this.finished=!1,this.failed=-1,this.detachHLS();const i=this.items[e],a=this.video;if(os(i)&&!a.canPlayType(rs)){const{default:l}=await ns(async()=>{const{default:c}=await import("./hls-39WTWagW.js");return{default:c}},[]);if(n!==this.loadSeq)return;if(l.isSupported()){const c=new l({enableWorker:!0,lowLatencyMode:!1});c.on(l.Events.ERROR,(u,p)=>{p.fatal&&this.onError()}),c.loadSource(i.url),c.attachMedia(a),this.hls=c}else a.src=i.url}else a.src=i.url;this.onChange(),t&&await this.play()}async play(){try{await this.video.play()}catch(e){if(e instanceof DOMException&&e.name==="NotAllowedError"&&!this.video.muted){this.video.muted=!0,this.mutedByPolicy=!0;try{await this.video.play()}catch{}}}this.onChange()}unmute(){this.video.muted=!1,this.mutedByPolicy=!1,this.onChange()}next(){this.index<this.items.length-1&&this.load(this.index+1)}prev(){this.index>0&&this.load(this.index-1)}advance(){this.index<this.items.length-1?this.load(this.index+1):(this.finished=!0,this.onChange())}async onError(){const e=this.current;if(!e)return;if((e.urlExpireTime?Date.parse(e.urlExpireTime)<=Date.now()+5e3:!1)&&this.refreshedAt!==this.index){this.refreshedAt=this.index;const i=await this.refresh().catch(()=>null);if(i&&i.length===this.items.length){this.items=i;const a=this.video.currentTime;await this.load(this.index),this.video.currentTime=a;return}}this.failed=this.index,this.onChange();const n=this.index;this.skipTimer=window.setTimeout(()=>{this.index===n&&this.advance()},1500)}detachHLS(){this.hls&&(this.hls.destroy(),this.hls=null)}destroy(){window.clearTimeout(this.skipTimer),this.loadSeq++,this.detachHLS(),this.video.pause(),this.video.removeAttribute("src"),this.video.load()}}const ls={CLIP_KIND_INTRO:"hand",CLIP_KIND_TECHNIQUE:"target",CLIP_KIND_INSTRUCTION:"list",CLIP_KIND_MISTAKE:"alert",CLIP_KIND_WEEKLY_MOTIVATION:"flame",CLIP_KIND_REST_DAY:"moon",CLIP_KIND_CLOSING:"flag"};function ct(s,e=16){const t=ls[s??""];return t?y(t,e):d}function ut(s){return s.split(/[^0-9]+/).filter(Boolean).map(e=>Number.parseInt(e,10))}const St=`

⏱ `;function ds(s){const e=s.indexOf(St.trimStart());return(e>=0?s.slice(0,e):s).trimEnd()}function cs(s){return s instanceof E?s.status===404?!0:s.status===400&&s.violations.length>0&&s.violations.every(e=>/^(week|day|plan_id|planId)$/.test(e.field)):!1}const ve=s=>`fitcoach.workout.${s}`;class us{constructor(e,t,n){this.planId=e,this.week=t,this.day=n,window.addEventListener("beforeunload",this.onBeforeUnload),this.load()}planId;week;day;workout=null;error=null;starting=!1;startError=null;player=null;notice="";missing=[];showPlaylist=window.innerWidth>=900;exIdx=0;pinned=!1;resumed=!1;queued=!1;setsDone=new Map;rest=null;restTick=0;restOver=!1;rows=new Map;effort=0;notes="";errors=new Map;completeError="";completing=!1;editing=!1;justCompleted=!1;onBeforeUnload=e=>{this.inProgress&&(e.preventDefault(),e.returnValue="")};get inProgress(){return!this.completed&&!this.workout?.isRestDay&&(!!this.player||this.setsDone.size>0)}persist(){if(this.completed&&!this.editing)return;const e={sets:[...this.setsDone],rows:[...this.rows],effort:this.effort,notes:this.notes};try{localStorage.setItem(ve(this.key),JSON.stringify(e))}catch{}}restoreDraft(){let e=null;try{e=JSON.parse(localStorage.getItem(ve(this.key))??"null")}catch{e=null}if(!e||this.completed)return!1;this.setsDone=new Map(e.sets??[]);for(const[t,n]of e.rows??[])this.rows.has(t)&&this.rows.set(t,{...this.rows.get(t),...n});return this.effort=e.effort??0,this.notes=e.notes??"",this.setsDone.size>0||(e.rows??[]).some(([,t])=>t.sets||t.values||t.minutes||t.km)}clearDraft(){localStorage.removeItem(ve(this.key))}get key(){return Y(this.planId,this.week,this.day)}async load(){if(this.error=null,this.week<1||this.week>12||this.day<1||this.day>7){this.error=new E(404,"NOT_FOUND",""),$();return}try{this.workout=(await _.getWorkout(this.planId,this.week,this.day)).workout;const e=et(this.planId,this.week,this.day);e&&(this.workout={...this.workout,log:{...e.body,completeTime:null}},this.queued=!0),this.fillForm(),this.resumed=this.restoreDraft()}catch(e){if(D(e))return;this.error=e}$()}fillForm(){const e=this.workout;if(!e)return;const t=e.log,n=new Set;(e.exercises??[]).forEach((i,a)=>{const l=(t?.exercises??[]).findIndex((h,v)=>!n.has(v)&&h.exerciseSlug.toLowerCase()===i.exerciseSlug.toLowerCase()),c=l>=0?t.exercises[l]:void 0;l>=0&&n.add(l);const u=C(i),p=this.setsDone.get(a)??0,f=c?c.setsDone:p;this.rows.set(a,{kind:u,sets:f>0||c?String(f):"",values:c&&u==="reps"?(c.repsDone??[]).join(", "):"",minutes:"",km:""})}),t?.perceivedEffort&&(this.effort=t.perceivedEffort),t?.notes&&(this.notes=ds(t.notes))}get completed(){const e=this.workout?.log;return!!e&&(!!e.completeTime||e.perceivedEffort>0)}async start(){this.starting=!0,this.startError=null,$();try{const e=await _.startWorkout(this.planId,this.week,this.day);e.workout&&(this.workout={...e.workout,log:e.workout.log??this.workout?.log}),this.notice=e.notice??"",this.missing=e.playlist?.missing??[];const t=(e.playlist?.items??[]).filter(n=>n.url);this.player?.destroy(),this.player=new as(t,()=>this.onClip(),()=>this.refreshURLs()),this.exIdx=0,this.starting=!1,$(),t.length&&await this.player.load(0),requestAnimationFrame(()=>document.querySelector(".session")?.scrollIntoView({behavior:"smooth",block:"start"}))}catch(e){if(D(e))return;this.startError=e,this.starting=!1,$()}}async refreshURLs(){return((await _.startWorkout(this.planId,this.week,this.day)).playlist?.items??[]).filter(t=>t.url)}onClip(){const e=this.player?.current,t=this.workout?.exercises??[];if(e?.exerciseSlug&&!this.pinned){const n=t.findIndex(i=>i.exerciseSlug.toLowerCase()===e.exerciseSlug.toLowerCase());n>=0&&(this.exIdx=n)}$()}showExercise(e){const t=this.workout?.exercises?.length??0;this.pinned=!0,this.exIdx=Math.max(0,Math.min(t-1,e));const n=(this.workout?.exercises?.[this.exIdx]?.exerciseSlug??"").toLowerCase(),i=this.player;if(i&&n&&i.current?.exerciseSlug?.toLowerCase()!==n){const a=i.items.findIndex(l=>l.exerciseSlug?.toLowerCase()===n);a>=0&&i.load(a)}$()}editLog(){this.editing=!0,this.justCompleted=!1,this.fillForm(),$()}tickSet(e,t){const n=J(t);this.pinned=!0;const i=Math.min(n,(this.setsDone.get(e)??0)+1);this.setsDone.set(e,i);const a=this.rows.get(e);a&&(a.sets=String(i)),this.persist(),i<n&&(t.restSeconds??0)>0?this.startRest(t.restSeconds??0):(this.stopRest(),$())}startRest(e,t){this.stopRest(),this.restOver=!1,this.rest={endAt:Date.now()+e*1e3,total:e,hold:t},this.restTick=window.setInterval(()=>{if(this.rest&&Date.now()>=this.rest.endAt){const n=this.rest.hold;this.stopRest(),"vibrate"in navigator&&navigator.vibrate?.(200),n?n():this.restOver=!0}$()},250),$()}startHold(e,t){this.pinned=!0,this.startRest(t.durationSeconds??0,()=>this.tickSet(e,t))}stopRest(){window.clearInterval(this.restTick),this.restTick=0,this.rest=null}async complete(e){e.preventDefault();const t=this.workout;if(!t)return;if(this.errors=new Map,this.completeError="",this.effort<1||this.effort>10){this.errors.set("perceivedEffort",[r("effortRequired")]),$();return}const n=[],i=(t.exercises??[]).map((c,u)=>{const p=this.rows.get(u),f=Number.parseInt(p?.sets??"",10),h={exerciseSlug:c.exerciseSlug,setsDone:Number.isFinite(f)?f:0,repsDone:[]},v=S(c.exerciseSlug,c.name);switch(p?.kind){case"reps":h.repsDone=ut(p.values);break;case"time":{const g=ut(p.values);g.length&&n.push(`${v}: ${g.map(T=>G(T)).join(", ")}`);break}case"cardio":{const g=Number.parseFloat(p.minutes.replace(",",".")),T=Number.parseFloat(p.km.replace(",",".")),q=[];g>0&&q.push(G(Math.round(g*60))),T>0&&q.push(Ie(Math.round(T*1e3))),q.length&&(n.push(`${v}: ${q.join(", ")}`),h.setsDone||(h.setsDone=1));break}}return h}),a=this.notes.trim(),l=n.length?`${a}${St}${r("loggedTitle")}: ${n.join("; ")}`.trim():a;this.completing=!0,$();try{const c=await _.completeWorkout(this.planId,this.week,this.day,{exercises:i,perceivedEffort:this.effort,notes:l});this.workout={...t,log:c.log},Jt(this.planId,this.week,this.day),this.queued=!1,m.done.set(this.key,!0),this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest(),requestAnimationFrame(()=>document.querySelector("[data-testid=completed]")?.scrollIntoView({behavior:"smooth",block:"center"}))}catch(c){if(D(c))return;if(c instanceof E&&c.status===0){const u={exercises:i,perceivedEffort:this.effort,notes:l};Kt({planId:this.planId,week:this.week,day:this.day,body:u}),this.workout={...t,log:{...u,completeTime:null}},this.queued=!0,this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest()}else c instanceof E&&c.violations.length?(this.errors=Ce(c.violations,["request"],Oe),this.completeError=r("fixFields")):this.completeError=te(c)}finally{this.completing=!1,$()}}errs(e){const t=[];for(const[n,i]of this.errors)(n===e||n.startsWith(e+"."))&&t.push(...i);return t}header(e){return o`<section class="day-hero ${e.isRestDay?"is-rest":""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${r("backToPlan")}</a>
      <div class="eyebrow">${r("week",{n:this.week})} · ${r("day",{n:this.day})}</div>
      <h1 data-testid="workout-name">${e.workoutName}</h1>
      <div class="meta-row">
        ${e.isRestDay?o`<span class="badge badge-rest">${y("moon",14)} ${r("restDay")}</span>`:d}
        ${e.isRestDay?d:o`<span class="badge">${U("exercises",e.exercises.length)}</span>`}
        ${this.completed?o`<span class="badge badge-done" data-testid="done-badge">✓ ${r("completedBadge")}</span>`:d}
      </div>
      ${e.weekFocus?o`<p class="week-focus"><span class="label-inline">${r("focus")}:</span> ${e.weekFocus}</p>`:d}
      ${e.confidenceTask?o`<div class="task"><span class="task-icon">${y("bolt",22)}</span><div><strong>${r("confidenceTask")}</strong><p>${e.confidenceTask}</p></div></div>`:d}
      ${this.player||e.isRestDay?d:o`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="start-workout">
              ${this.starting?o`<span class="spin" aria-hidden="true"></span>${r("starting")}`:o`${y("play",20)} ${r("startWorkout")}`}
            </button>
          </div>`}
      ${this.startError?O(this.startError,()=>{this.start()}):d}
    </section>`}exerciseTable(e){if(e.isRestDay)return o`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${y("moon",44)}</span>
        <h2>${r("recoveryTitle")}</h2>
        <p>${r("restDayLead")}</p>
        <ul class="recovery-list">
          <li>${r("recovery1")}</li>
          <li>${r("recovery2")}</li>
          <li>${r("recovery3")}</li>
        </ul>
        ${this.player?d:o`<div class="actions">
              <button class="btn btn-ghost" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="rest-video">
                ${y("play",18)} ${r("recoveryVideo")}
              </button>
            </div>`}
      </div>`;const t=_e(e.exercises);return o`<div class="card ex-table" data-testid="exercises">
      ${It(e.exercises).map(n=>o`<section class="ex-block" data-block=${n.block} data-testid="block-${n.block}">
          ${t?o`<h2 class="ex-block-title">${k("block_"+n.block)}</h2>`:d}
          <ol start=${n.items[0].i+1}>
            ${n.items.map(({e:i,i:a})=>{const l=[je(i),B(i)].filter(Boolean).join(" · ");return o`<li class=${this.player&&a===this.exIdx?"current":""} data-kind=${C(i)} data-testid="exercise-${a}">
                <span class="ex-idx">${a+1}</span>
                <span class="ex-main">
                  <span class="ex-name">${S(i.exerciseSlug,i.name)}</span>
                  ${i.cue?o`<span class="ex-cue" data-testid="cue-${a}">${i.cue}</span>`:d}
                </span>
                <span class="ex-dose">
                  <span class="dose" data-testid="dose-${a}">${z(i)}</span>
                  ${l?o`<span class="rest">${l}</span>`:d}
                </span>
                ${(this.setsDone.get(a)??0)>=J(i)?o`<span class="tick" aria-label=${r("done")}>✓</span>`:d}
              </li>`})}
          </ol>
        </section>`)}
    </div>`}restRing(){const e=this.rest,t=Math.max(0,Math.ceil((e.endAt-Date.now())/1e3)),n=e.total>0?Math.max(0,(e.endAt-Date.now())/(e.total*1e3)):0,i=2*Math.PI*42,a=e.hold;return o`<div class="rest-timer ${a?"is-hold":""}" role="timer" aria-live="off" data-testid=${a?"hold-timer":"rest-timer"}>
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${i} stroke-dashoffset=${i*(1-n)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${r(a?"holdNow":"restNow")}</span><strong>${Qe(t)}</strong></div>
      ${a?o`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),a()}} data-testid="hold-done">${r("holdDone")}</button>`:o`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),$()}}>${r("skipRest")}</button>`}
    </div>`}doseGrid(e){const t=(i,a,l)=>o`<div><span class="dose-num" data-testid=${i}>${a}</span><span class="dose-lbl">${l}</span></div>`,n=(e.restSeconds??0)>0?t("current-rest",P(e.restSeconds??0),r("restSecondsLabel")):d;switch(C(e)){case"intervals":return o`${t("current-sets",String(e.rounds??0),r("roundsLabel"))}${t("current-reps",P(e.workSeconds??0),r("workLabel"))}${t("current-rest",P(e.recoverySeconds??0),r("recoveryLabel"))}`;case"cardio":return o`${t("current-reps",G(e.durationSeconds??0),r("time"))}${(e.distanceMeters??0)>0?t("current-distance",Ie(e.distanceMeters??0),r("distanceLabel")):d}${B(e)?t("current-effort",B(e),r("effortTarget")):d}`;case"time":return o`${t("current-sets",String(J(e)),r("sets"))}${t("current-reps",Te(e.durationSeconds??0),r("time"))}${n}`;default:return o`${t("current-sets",String(J(e)),r("sets"))}${t("current-reps",Se(e.reps),r("reps"))}${n}`}}coachPanel(e){const t=e.exercises??[];if(e.isRestDay||t.length===0)return o`<div class="coach-panel card"><p class="muted">${r("restDayLead")}</p></div>`;const n=Math.min(this.exIdx,t.length-1),i=t[n],a=C(i),l=J(i),c=this.setsDone.get(n)??0,u=i.restSeconds??0,p=this.player?.current,f=!p?.exerciseSlug&&p?.kind==="CLIP_KIND_INTRO",h=a==="cardio"?"":B(i);return o`<div class="coach-panel card" data-testid="current-exercise" data-kind=${a} data-index=${n} data-sets=${l} data-slug=${i.exerciseSlug.toLowerCase()}>
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx===0} @click=${()=>this.showExercise(this.exIdx-1)} aria-label=${r("prev")} data-testid="panel-prev">‹</button>
        <div class="eyebrow">${r(f?"upNext":"exercise")} ${this.exIdx+1}/${t.length}${_e(t)?o` · ${k("block_"+(i.block||"main"))}`:d}</div>
        <button class="icon-btn" ?disabled=${this.exIdx>=t.length-1} @click=${()=>this.showExercise(this.exIdx+1)} aria-label=${r("next")} data-testid="panel-next">›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${S(i.exerciseSlug,i.name)}</h2>
      <div class="dose-grid">${this.doseGrid(i)}</div>
      <p class="coach-dose" data-testid="current-dose" ?hidden=${lt(i)===z(i)&&a!=="reps"}>${lt(i)}</p>
      ${h||i.cue?o`<p class="coach-cue" data-testid="current-cue">
            ${h?o`<span class="badge badge-soft" title=${r("rpeTitle")}>${h}</span>`:d} ${i.cue??""}
          </p>`:d}
      ${l>1?o`<div class="set-dots" role="img" aria-label=${r("setProgress",{i:c,n:l})}>
            ${Array.from({length:l},(v,g)=>o`<span class=${g<c?"on":""}></span>`)}
          </div>`:d}
      ${this.completed&&!this.editing?d:this.rest?this.restRing():c>=l?o`<p class="all-done">✓ ${l>1?r("allSetsDone"):r("done")}</p>
              ${n<t.length-1?o`<button class="btn btn-primary" @click=${()=>this.showExercise(n+1)} data-testid="next-exercise">
                    ${r("nextExercise")} ›
                  </button>`:d}`:o`<div class="coach-actions">
              ${a==="time"&&(i.durationSeconds??0)>0?o`<button class="btn btn-cta" @click=${()=>this.startHold(n,i)} data-testid="start-hold">
                    ${y("timer",18)} ${r("startHold",{t:Te(i.durationSeconds??0)})}
                  </button>`:d}
              <button class="btn btn-primary" @click=${()=>this.tickSet(n,i)} data-testid="set-done">
                ${y("check",18)} ${l>1?r("setDone",{i:c+1,n:l}):r("markDone")}
              </button>
              ${u>0&&l>1?o`<button class="btn btn-ghost" @click=${()=>this.startRest(u)} data-testid="start-rest">
                    ${y("timer",18)} ${r("startRest",{t:P(u)})}
                  </button>`:d}
            </div>`}
      ${this.restOver&&!this.rest?o`<p class="rest-over" role="status">${r("restOver")}</p>`:d}
    </div>`}session(e){const t=this.player,n=t.current,i=t.items.length,a=e.isRestDay||(e.exercises??[]).length===0;return o`<section class="session" data-testid="session">
      ${this.notice?o`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>`:d}
      ${this.missing.length?o`<div class="alert alert-warn" role="status">
            ${r("missingClips",{list:this.missing.map(l=>`${k("kind_"+l.kind,l.kind)}${l.exerciseSlug?" · "+S(l.exerciseSlug):""}`).join(", ")})}
          </div>`:d}
      <div class="session-grid ${a?"solo":""}">
        <div class="player card">
          ${i?o`<div class="video-box">
                  ${t.video}
                  ${t.failed===t.index?o`<div class="video-overlay">${r("videoError")}</div>`:d}
                  ${t.mutedByPolicy?o`<button class="unmute" @click=${()=>t.unmute()}>${y("volume",18)}</button>`:d}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${r("clipOf",{i:t.index+1,n:i})}</span>
                      ${n?.kind?o`<span class="badge badge-soft kind">${ct(n.kind,14)} ${k("kind_"+n.kind,"")}</span>`:d}
                    </div>
                    <div class="now-title" data-testid="now-title">${n?.title||S(n?.exerciseSlug??"",n?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${t.index===0} @click=${()=>t.prev()} aria-label=${r("prev")} data-testid="prev-clip">${y("prev",18)}</button>
                    <button class="icon-btn" ?disabled=${t.index>=i-1} @click=${()=>t.next()} aria-label=${r("next")} data-testid="next-clip">${y("next",18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span style="width:${(t.index+(t.finished?1:0))/i*100}%"></span></div>
                ${t.finished?o`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${y("flag",18)} ${r("finished")}</div>`:d}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${l=>this.showPlaylist=l.target.open}>
                  <summary>${r("playlist")} · ${i}</summary>
                  <ol>
                    ${t.items.map((l,c)=>o`<li class="${c===t.index?"on":""} ${c<t.index?"past":""}" data-slug=${(l.exerciseSlug??"").toLowerCase()}>
                        <button @click=${()=>{t.load(c)}} data-testid="clip-${c}">
                          <span class="pl-icon" aria-hidden="true">${c===t.index?y("play",16):c<t.index?y("check",16):ct(l.kind)}</span>
                          <span class="pl-title">${l.title||k("kind_"+l.kind,l.kind)}</span>
                          <span class="pl-dur">${Qe(l.durationSeconds)}</span>
                        </button>
                      </li>`)}
                  </ol>
                </details>`:o`<div class="alert alert-info">${this.notice?"":r("playlistEmpty")}</div>`}
        </div>
        ${a?d:this.coachPanel(e)}
      </div>
    </section>`}completeForm(e){const t=this.errs("perceivedEffort"),n=this.errs("notes");return o`<form class="card form complete-form" novalidate @submit=${i=>this.complete(i)} data-testid="complete-form">
      <h2>${r("completeTitle")}</h2>
      <p class="muted">${r("completeLead")}</p>
      ${e.exercises.length?o`<div class="log-rows">${e.exercises.map((i,a)=>this.logRow(i,a))}</div>`:d}
      <div class="field ${t.length?"has-error":""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${r("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({length:10},(i,a)=>a+1).map(i=>o`<button
              type="button"
              role="radio"
              aria-checked=${this.effort===i}
              class="e${i} ${this.effort===i?"on":""}"
              @click=${()=>{this.effort=i,this.persist(),this.errors.delete("perceivedEffort"),$()}}
              data-testid="effort-${i}"
            >
              ${i}
            </button>`)}
        </div>
        <div class="effort-scale muted small"><span>${r("effortLow")}</span><span>${r("effortHigh")}</span></div>
        ${t.map(i=>o`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${i}</p>`)}
      </div>
      <label class="field ${n.length?"has-error":""}">
        <span class="label">${r("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${r("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${i=>{this.notes=i.target.value,this.persist()}}
          data-testid="notes"
        ></textarea>
        ${n.map(i=>o`<p class="field-error" role="alert">${i}</p>`)}
      </label>
      ${this.completeError?o`<div class="alert alert-error" role="alert">${this.completeError}</div>`:d}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing?o`<span class="spin" aria-hidden="true"></span>${r("completing")}`:o`${y("check",20)} ${r("complete")}`}
        </button>
      </div>
    </form>`}row(e,t){let n=this.rows.get(e);return n||(n={kind:C(t),sets:"",values:"",minutes:"",km:""},this.rows.set(e,n)),n}logRow(e,t){const n=this.row(t,e),i=this.errs(`exercises.${t}`),a=(u,p,f,h,v="numeric")=>o`<label class="log-reps">
        <span class="label">${p}</span>
        <input
          type="text"
          inputmode=${v}
          placeholder=${f}
          .value=${n[u]}
          @input=${g=>{n[u]=g.target.value,this.persist()}}
          data-testid=${h}
        />
      </label>`,l=u=>o`<label class="log-sets">
      <span class="label">${u}</span>
      <div class="stepper stepper-sm">
        <button type="button" class="step" aria-label="−" @click=${()=>this.setRow(t,e,Math.max(0,(Number.parseInt(n.sets,10)||0)-1))}>−</button>
        <input
          type="number"
          inputmode="numeric"
          min="0"
          max="20"
          placeholder="0"
          .value=${n.sets}
          @input=${p=>{n.sets=p.target.value,this.persist()}}
          data-testid="sets-done-${t}"
        />
        <button type="button" class="step" aria-label="+" @click=${()=>this.setRow(t,e,Math.min(20,(Number.parseInt(n.sets,10)||0)+1))}>+</button>
      </div>
    </label>`;let c;switch(n.kind){case"cardio":c=o`${a("minutes",r("minutesDone"),"",`minutes-done-${t}`,"decimal")}${a("km",r("kmDone"),"",`km-done-${t}`,"decimal")}`;break;case"intervals":c=l(r("roundsDone"));break;case"time":c=o`${l(r("setsDone"))}${a("values",r("secondsDone"),r("secondsDoneHint"),`seconds-done-${t}`)}`;break;default:c=o`${l(r("setsDone"))}${a("values",r("repsDone"),r("repsDoneHint"),`reps-done-${t}`)}`}return o`<div class="log-row ${i.length?"has-error":""}" data-kind=${n.kind} data-testid="log-row-${t}">
      <div class="log-name">
        <strong>${S(e.exerciseSlug,e.name)}</strong>
        <span class="muted small">${z(e)}</span>
      </div>
      ${c}
      ${i.map(u=>o`<p class="field-error" role="alert">${u}</p>`)}
    </div>`}setRow(e,t,n){this.row(e,t).sets=String(n),this.persist(),$()}completedCard(e){const t=e.log;return o`<div class="card completed ${this.justCompleted?"pop":""}" role="status" data-testid="completed">
      <div class="completed-icon">${y("check",26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted?r("completedTitle"):r("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted?r("completedLead"):""}
          ${t.completeTime?r("completedOn",{d:De(t.completeTime)}):""}
        </p>
        ${this.queued&&et(this.planId,this.week,this.day)?o`<div class="alert alert-warn" role="status" data-testid="queued">${r("queued")}</div>`:d}
        ${t.notes?o`<p class="log-notes">${r("quoted",{s:t.notes})}</p>`:d}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${r("effortValue",{n:t.perceivedEffort})}</span>
          <button class="btn btn-ghost btn-sm" @click=${()=>this.editLog()} data-testid="edit-log">
            ${r("editLog")}
          </button>
        </div>
      </div>
    </div>`}render(){if(this.error)return cs(this.error)?o`<div class="card empty" data-testid="not-found"><h1>${r("notFound")}</h1><p class="muted">${r("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${r("home")}</a></div>`:O(this.error,()=>{this.load()});const e=this.workout;if(!e)return ce();const t=e.isRestDay?!1:this.completed?this.editing:!!this.player||this.resumed;return o`
      ${this.header(e)}
      ${this.completed&&!this.editing?this.completedCard(e):d}
      ${this.resumed&&!this.player&&!this.completed?o`<div class="alert alert-info" role="status" data-testid="resumed">${r("resumed")}</div>`:d}
      ${this.player?this.session(e):d}
      ${this.exerciseTable(e)}
      ${t?this.completeForm(e):d}
    `}destroy(){window.removeEventListener("beforeunload",this.onBeforeUnload),this.stopRest(),this.player?.destroy(),this.player=null}}const ht=document.getElementById("app");let j=null,ae=null;const hs=[{pattern:/^\/signin$/,auth:!1,needsProfile:!1,make:()=>new Gt},{pattern:/^\/onboarding$/,auth:!0,needsProfile:!1,make:()=>new at(!0)},{pattern:/^\/profile$/,auth:!0,needsProfile:!0,make:()=>new at(!1)},{pattern:/^\/$/,auth:!0,needsProfile:!0,make:()=>new Zt},{pattern:/^\/plans\/([^/]+)$/,auth:!0,needsProfile:!0,make:(s,e)=>new ts(decodeURIComponent(s[1]),Number(e.get("week"))||1)},{pattern:/^\/plans\/([^/]+)\/weeks\/(\d+)\/days\/(\d+)$/,auth:!0,needsProfile:!0,make:s=>new us(decodeURIComponent(s[1]),Number(s[2]),Number(s[3]))}];function ps(s){const e=!!m.token,t=!!m.profile,n=location.pathname;return o`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="/" @click=${be}>
          <span class="logo" aria-hidden="true">
            <svg viewBox="0 0 64 64" width="28" height="28"><rect width="64" height="64" rx="14" fill="currentColor" /><path d="M14 27h6v10h-6zM44 27h6v10h-6zM20 23h5v18h-5zM39 23h5v18h-5zM25 30h14v4H25z" fill="#fff" /></svg>
          </span>
          <span class="brand-text"><strong>fitcoach</strong><span class="tagline">${r("appTagline")}</span></span>
        </a>
        <nav class="nav">
          ${e&&t?o`<a href="/" class=${n==="/"||n.startsWith("/plans")?"active":""} @click=${be} data-testid="nav-plans">${r("navPlans")}</a>
                <a href="/profile" class=${n==="/profile"?"active":""} @click=${be} data-testid="nav-profile">${r("navProfile")}</a>`:d}
          ${t?d:o`<div class="lang" role="group" aria-label="Language">
                <button class=${F()==="en"?"on":""} @click=${()=>Xe("en")} data-testid="lang-en">EN</button>
                <button class=${F()==="ru"?"on":""} @click=${()=>Xe("ru")} data-testid="lang-ru">RU</button>
              </div>`}
          ${e?o`<button
                class="btn btn-ghost btn-sm"
                @click=${()=>{confirm(r("signOutConfirm"))&&qe()}}
                title=${m.sub}
                aria-label=${r("signOut")}
                data-testid="sign-out"
              >
                <span class="avatar" aria-hidden="true">${(m.sub||"?").charAt(0).toUpperCase()}</span>
                <span class="hide-sm">${r("signOut")}</span>
              </button>`:d}
        </nav>
      </div>
    </header>
    <main class="page">${s}</main>
  `}let Ne=!1;function ne(){let s;ae?s=O(ae,()=>N()):s=j?j.render():ce(),Mt(ps(s),ht);const e=ht.querySelector("main h1"),t=e?.textContent?.trim();document.title=t?`${t} · fitcoach`:"fitcoach",Ne&&e&&(Ne=!1,e.tabIndex=-1,e.focus({preventScroll:!0}))}function be(s){const e=s.currentTarget;s.button!==0||s.metaKey||s.ctrlKey||s.shiftKey||s.altKey||(s.preventDefault(),Ve(e.getAttribute("href")??"/",!1))}function Ve(s,e){e?history.replaceState(null,"",s):history.pushState(null,"",s),N()}let ye=0;async function N(){const s=++ye;ae=null;const e=new URL(location.href),t=hs.find(n=>n.pattern.test(e.pathname));if(!t)return history.replaceState(null,"","/"),N();if(t.auth&&!m.token)return history.replaceState(null,"","/signin"),N();if(!t.auth&&m.token&&e.pathname==="/signin")return history.replaceState(null,"","/"),N();if(t.auth&&!m.profile){j?.destroy?.(),j=null,ne();try{const n=await _.getProfile();if(s!==ye)return;kt(n.profile)}catch(n){if(s!==ye)return;if(n instanceof E&&n.status===401){qe(r("sessionExpired"));return}if(!(n instanceof E&&n.status===404)){ae=n,ne();return}}Wt()}if(t.needsProfile&&!m.profile)return history.replaceState(null,"","/onboarding"),N();if(e.pathname==="/onboarding"&&m.profile)return history.replaceState(null,"","/"),N();j?.destroy?.(),j=t.make(e.pathname.match(t.pattern),e.searchParams),Ne=!0,window.scrollTo(0,0),ne()}jt(ne,Ve);window.addEventListener("popstate",()=>{N()});Vt();N();Yt(s=>{m.done.set(Y(s.planId,s.week,s.day),!0),$()});document.addEventListener("keydown",s=>{const e=s.target?.closest?.('[role="radio"]'),t=e?.closest('[role="radiogroup"]');if(!e||!t)return;const n={ArrowRight:1,ArrowDown:1,ArrowLeft:-1,ArrowUp:-1}[s.key];if(!n)return;const i=[...t.querySelectorAll('[role="radio"]')],a=i[(i.indexOf(e)+n+i.length)%i.length];s.preventDefault(),a.focus(),a.click()});document.addEventListener("click",s=>{const e=s.target?.closest?.("a[data-nav]");!e||s.button!==0||s.metaKey||s.ctrlKey||s.shiftKey||s.altKey||(s.preventDefault(),Ve(e.getAttribute("href")??"/",!1))});
